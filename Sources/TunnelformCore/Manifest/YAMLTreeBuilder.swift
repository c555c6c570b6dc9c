/// Builds ``YAMLDocument`` trees from a stream of parser events, enforcing the rules libyaml leaves to us:
/// unique scalar keys, known aliases, and the depth and alias-expansion limits.
///
/// Containers under construction live on an explicit stack, so no recursion depends on the input.
/// Every finished node carries its subtree size and height; an anchor remembers them, so each alias
/// use is checked against the limits in O(1), and expanding it is a copy of a value type.
struct YAMLTreeBuilder {
    /// A mapping or sequence whose end event has not arrived yet.
    private struct Frame {
        var isMapping: Bool
        var location: SourceLocation
        var anchor: String?
        var entries: [YAMLMapping.Entry] = []
        var items: [YAMLNode] = []
        /// A key read whose value has not arrived yet.
        var pendingKey: YAMLScalar?
        /// Keys seen so far, built only once a mapping grows past `linearScanLimit` entries.
        var keyIndex: [String: SourceLocation]?
        /// Nodes in this subtree so far, the container itself included.
        var size = 1
        /// Container levels in this subtree so far: 1 for a container holding only scalars.
        var height = 1

        init(isMapping: Bool, location: SourceLocation, anchor: String?) {
            self.isMapping = isMapping
            self.location = location
            self.anchor = anchor
        }
    }

    private struct Anchored {
        var node: YAMLNode
        var size: Int
        var height: Int
    }

    /// Small mappings check for duplicate keys by scanning, which beats hashing for a handful of keys;
    /// larger ones switch to a dictionary, so the check stays O(n) per mapping.
    private static let linearScanLimit = 8

    let file: String
    let limits: YAMLLimits
    private(set) var documents: [YAMLDocument] = []
    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var documentLocation: SourceLocation?
    private var root: YAMLNode?
    /// Nodes created by alias expansion so far in this file.
    private var aliasNodes = 0

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
    }

    // MARK: Events

    mutating func startDocument(at location: SourceLocation) {
        documentLocation = location
        root = nil
        stack.removeAll(keepingCapacity: true)
        // Anchors belong to one document.
        anchors.removeAll(keepingCapacity: true)
    }

    mutating func endDocument() {
        let location = documentLocation ?? SourceLocation(file: file, line: 1, column: 1)
        // libyaml reports an empty document (`---` alone) as an empty plain scalar.
        if case .scalar(let scalar) = root, scalar.value.isEmpty, scalar.style == .plain, scalar.tag == nil {
            root = nil
        }
        documents.append(YAMLDocument(root: root, location: location))
        root = nil
        documentLocation = nil
    }

    mutating func scalar(_ scalar: YAMLScalar, anchor: String?) throws(YAMLError) {
        try attach(.scalar(scalar), size: 1, height: 0, anchor: anchor)
    }

    mutating func startContainer(isMapping: Bool, anchor: String?, at location: SourceLocation) throws(YAMLError) {
        if let top = stack.last, top.isMapping, top.pendingKey == nil {
            throw YAMLError(
                message: "\(isMapping ? "a mapping" : "a list") cannot be used as a key",
                hint: "keys must be scalars such as 'name'",
                location: location
            )
        }
        if stack.count >= limits.maxDepth {
            throw tooDeep(at: location, viaAlias: false)
        }
        stack.append(Frame(isMapping: isMapping, location: location, anchor: anchor))
    }

    mutating func endContainer() throws(YAMLError) {
        guard let frame = stack.popLast() else { return }
        let node: YAMLNode
        if frame.isMapping {
            node = .mapping(YAMLMapping(entries: frame.entries, location: frame.location))
        } else {
            node = .sequence(YAMLSequence(items: frame.items, location: frame.location))
        }
        try attach(node, size: frame.size, height: frame.height, anchor: frame.anchor)
    }

    mutating func alias(_ name: String, at location: SourceLocation) throws(YAMLError) {
        guard let anchored = anchors[name] else {
            throw unknownAlias(name, at: location)
        }
        aliasNodes += anchored.size
        if aliasNodes > limits.maxAliasExpansionNodes {
            throw YAMLError(
                message: "alias expansion exceeds \(limits.maxAliasExpansionNodes) nodes",
                hint: "anchors referenced too often; is this a billion-laughs document?",
                location: location
            )
        }
        if stack.count + anchored.height > limits.maxDepth {
            throw tooDeep(at: location, viaAlias: true)
        }
        if let top = stack.last, top.isMapping, top.pendingKey == nil, anchored.height > 0 {
            throw YAMLError(
                message: "alias '*\(name)' to \(anchored.node.kindDescription) cannot be used as a key",
                hint: "keys must be scalars such as 'name'",
                location: location
            )
        }
        try attach(anchored.node, size: anchored.size, height: anchored.height, anchor: nil)
    }

    // MARK: Tree

    private mutating func attach(_ node: YAMLNode, size: Int, height: Int, anchor: String?) throws(YAMLError) {
        if let anchor {
            anchors[anchor] = Anchored(node: node, size: size, height: height)
        }
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        stack[top].size += size
        if height + 1 > stack[top].height { stack[top].height = height + 1 }
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        if let key = stack[top].pendingKey {
            stack[top].entries.append(YAMLMapping.Entry(key: key, value: node))
            stack[top].pendingKey = nil
            return
        }
        guard case .scalar(let key) = node else {
            // Only an alias gets here: a container start in key position is rejected when it opens.
            throw YAMLError(
                message: "an alias to \(node.kindDescription) cannot be used as a key",
                hint: "keys must be scalars such as 'name'",
                location: node.location
            )
        }
        try checkUnique(key, inFrame: top)
        stack[top].pendingKey = key
    }

    private mutating func checkUnique(_ key: YAMLScalar, inFrame top: Int) throws(YAMLError) {
        if stack[top].keyIndex == nil {
            if stack[top].entries.count < Self.linearScanLimit {
                for entry in stack[top].entries where entry.key.value == key.value {
                    throw duplicateKey(key, first: entry.key.location)
                }
                return
            }
            var index: [String: SourceLocation] = [:]
            index.reserveCapacity(stack[top].entries.count * 2)
            for entry in stack[top].entries { index[entry.key.value] = entry.key.location }
            stack[top].keyIndex = index
        }
        if let first = stack[top].keyIndex?[key.value] {
            throw duplicateKey(key, first: first)
        }
        stack[top].keyIndex?[key.value] = key.location
    }

    // MARK: Errors

    private func duplicateKey(_ key: YAMLScalar, first: SourceLocation) -> YAMLError {
        YAMLError(
            message: "duplicate key '\(key.value)'",
            hint: "first defined at \(first.line):\(first.column); keep only one of them",
            location: key.location
        )
    }

    private func unknownAlias(_ name: String, at location: SourceLocation) -> YAMLError {
        if stack.contains(where: { $0.anchor == name }) {
            return YAMLError(
                message: "alias '*\(name)' refers to a node that contains it",
                hint: "an anchor cannot be used inside its own value",
                location: location
            )
        }
        return YAMLError(
            message: "unknown alias '*\(name)'",
            hint: "define the anchor with '&\(name)' earlier in the same document",
            location: location
        )
    }

    private func tooDeep(at location: SourceLocation, viaAlias: Bool) -> YAMLError {
        YAMLError(
            message: "nesting is deeper than \(limits.maxDepth) levels"
                + (viaAlias ? " once this alias is expanded" : ""),
            hint: "flatten the document; manifests never need this much nesting",
            location: location
        )
    }
}
