/// Builds ``YAMLDocument`` trees from a stream of parser events, enforcing the rules libyaml leaves to us:
/// unique scalar keys, known aliases, and the depth and alias-expansion limits.
///
/// Containers under construction live on an explicit stack, so no recursion depends on the input. Their
/// children wait on shared scratch stacks (keys, entries, items): an open container's children are always
/// on top, and when it closes they are moved once into an array of exactly their count. Each scalar is
/// built once, where it ends up; keys are never boxed as nodes.
///
/// Every finished node carries its subtree size and height; an anchor remembers them, so each alias use
/// is checked against the limits in O(1), and expanding it is a copy of a value type.
struct YAMLTreeBuilder: ~Copyable {
    /// A mapping or sequence whose end event has not arrived yet.
    private struct Frame {
        var isMapping: Bool
        var location: SourceLocation
        var anchor: String?
        /// Where this container's children start on `entries` or `items`.
        var start: Int
        /// A key of this mapping is on `keys`, waiting for its value.
        var hasKey = false
        /// Keys seen so far, built only once a mapping grows past `linearScanLimit` entries.
        var keyIndex: [String: SourceLocation]?
        /// Nodes in this subtree so far, the container itself included.
        var size = 1
        /// Container levels in this subtree so far: 1 for a container holding only scalars.
        var height = 1

        init(isMapping: Bool, location: SourceLocation, anchor: String?, start: Int) {
            self.isMapping = isMapping
            self.location = location
            self.anchor = anchor
            self.start = start
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
    private var frames: [Frame] = []
    private var keys = ScratchStack<YAMLScalar>()
    private var entries = ScratchStack<YAMLMapping.Entry>()
    private var items = ScratchStack<YAMLNode>()
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
        frames.removeAll(keepingCapacity: true)
        keys.removeAll()
        entries.removeAll()
        items.removeAll()
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

    mutating func scalar(
        value: String, style: YAMLScalar.Style, tag: String?, anchor: String?, at location: SourceLocation
    ) throws(YAMLError) {
        let top = frames.count - 1
        if top >= 0, frames[top].isMapping, !frames[top].hasKey {
            try checkUnique(value, at: location, inFrame: top)
            if let anchor {
                let key = YAMLScalar(value: value, style: style, tag: tag, location: location)
                anchors[anchor] = Anchored(node: .scalar(key), size: 1, height: 0)
            }
            pushKey(YAMLScalar(value: value, style: style, tag: tag, location: location), inFrame: top)
            return
        }
        // Built in place: the node is the only copy until an anchor keeps one.
        let node = YAMLNode.scalar(YAMLScalar(value: value, style: style, tag: tag, location: location))
        if let anchor {
            anchors[anchor] = Anchored(node: node, size: 1, height: 0)
        }
        attach(node, size: 1, height: 0)
    }

    mutating func startContainer(isMapping: Bool, anchor: String?, at location: SourceLocation) throws(YAMLError) {
        let top = frames.count - 1
        if top >= 0, frames[top].isMapping, !frames[top].hasKey {
            throw YAMLError(
                message: "\(isMapping ? "a mapping" : "a list") cannot be used as a key",
                hint: "keys must be scalars such as 'name'",
                location: location
            )
        }
        if frames.count >= limits.maxDepth {
            throw tooDeep(at: location, viaAlias: false)
        }
        let start = isMapping ? entries.count : items.count
        frames.append(Frame(isMapping: isMapping, location: location, anchor: anchor, start: start))
    }

    mutating func endContainer() {
        guard let frame = frames.popLast() else { return }
        let node: YAMLNode
        if frame.isMapping {
            node = .mapping(YAMLMapping(entries: entries.moveOut(from: frame.start), location: frame.location))
        } else {
            node = .sequence(YAMLSequence(items: items.moveOut(from: frame.start), location: frame.location))
        }
        if let anchor = frame.anchor {
            anchors[anchor] = Anchored(node: node, size: frame.size, height: frame.height)
        }
        attach(node, size: frame.size, height: frame.height)
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
        if frames.count + anchored.height > limits.maxDepth {
            throw tooDeep(at: location, viaAlias: true)
        }
        let top = frames.count - 1
        if top >= 0, frames[top].isMapping, !frames[top].hasKey {
            guard case .scalar(let key) = anchored.node else {
                throw YAMLError(
                    message: "alias '*\(name)' to \(anchored.node.kindDescription) cannot be used as a key",
                    hint: "keys must be scalars such as 'name'",
                    location: location
                )
            }
            try checkUnique(key.value, at: location, inFrame: top)
            pushKey(key, inFrame: top)
            return
        }
        attach(anchored.node, size: anchored.size, height: anchored.height)
    }

    // MARK: Tree

    /// Adds a finished value node to the open container, or makes it the document's root.
    private mutating func attach(_ node: consuming YAMLNode, size: Int, height: Int) {
        let top = frames.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        frames[top].size += size
        if height + 1 > frames[top].height { frames[top].height = height + 1 }
        guard frames[top].isMapping else {
            items.push(consume node)
            return
        }
        // Keys arrive through `scalar`, which sets `hasKey`; a value always finds its key on `keys`.
        frames[top].hasKey = false
        if let key = keys.popLast() {
            entries.push(YAMLMapping.Entry(key: key, value: consume node))
        }
    }

    private mutating func pushKey(_ key: consuming YAMLScalar, inFrame top: Int) {
        keys.push(consume key)
        frames[top].hasKey = true
        frames[top].size += 1
    }

    private mutating func checkUnique(_ key: String, at location: SourceLocation, inFrame top: Int) throws(YAMLError) {
        let start = frames[top].start
        if frames[top].keyIndex == nil {
            if entries.count - start < Self.linearScanLimit {
                if let index = entries.firstIndex(from: start, where: { $0.key.value == key }) {
                    throw duplicateKey(key, at: location, first: entries.element(at: index).key.location)
                }
                return
            }
            var index: [String: SourceLocation] = [:]
            index.reserveCapacity((entries.count - start) * 2)
            for position in start..<entries.count {
                let entry = entries.element(at: position)
                index[entry.key.value] = entry.key.location
            }
            frames[top].keyIndex = index
        }
        if let first = frames[top].keyIndex?[key] {
            throw duplicateKey(key, at: location, first: first)
        }
        frames[top].keyIndex?[key] = location
    }

    // MARK: Errors

    private func duplicateKey(_ key: String, at location: SourceLocation, first: SourceLocation) -> YAMLError {
        YAMLError(
            message: "duplicate key '\(key)'",
            hint: "first defined at \(first.line):\(first.column); keep only one of them",
            location: location
        )
    }

    private func unknownAlias(_ name: String, at location: SourceLocation) -> YAMLError {
        if frames.contains(where: { $0.anchor == name }) {
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
