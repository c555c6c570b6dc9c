/// A node of a YAML document with the position it was read from.
///
/// Aliases are already expanded: a node reached through an alias is a copy of its anchor,
/// keeping the anchor's positions.
///
/// Not `indirect`: the recursion already goes through the arrays of mappings and sequences, and a box per
/// node would be one more allocation for each of the hundreds of thousands of nodes of a large project.
public enum YAMLNode: Sendable, Equatable {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping)
    case sequence(YAMLSequence)

    public var location: SourceLocation {
        switch self {
        case .scalar(let scalar): scalar.location
        case .mapping(let mapping): mapping.location
        case .sequence(let sequence): sequence.location
        }
    }

    /// How the node is described to a user in "expected X, found Y" messages.
    public var kindDescription: String {
        switch self {
        case .scalar(let scalar): scalar.isNull ? "null" : "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

/// A scalar as written: its text, whether it was quoted, and where it starts.
public struct YAMLScalar: Sendable, Equatable {
    public enum Style: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var value: String
    public var style: Style
    /// The explicit tag, e.g. `tag:yaml.org,2002:str` for `!!str`, if one was written.
    public var tag: String?
    public var location: SourceLocation

    public init(value: String, style: Style, tag: String? = nil, location: SourceLocation) {
        self.value = value
        self.style = style
        self.tag = tag
        self.location = location
    }

    /// A plain `~`, `null`, `Null`, `NULL` or empty plain scalar.
    public var isNull: Bool {
        guard style == .plain, tag == nil else { return false }
        switch value {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }
}

/// A mapping with its entries in document order. Keys are unique: the reader rejects duplicates.
public struct YAMLMapping: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: YAMLScalar
        public var value: YAMLNode

        public init(key: YAMLScalar, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    public var entries: [Entry]
    public var location: SourceLocation

    public init(entries: [Entry], location: SourceLocation) {
        self.entries = entries
        self.location = location
    }

    /// The value of `key`. Searched by index, which compares the keys in place instead of copying each entry.
    public subscript(key: String) -> YAMLNode? {
        index(ofKey: key).map { entries[$0].value }
    }

    /// The position of `key` in `entries`: to test for a key, or read its value in place, without copying it.
    public func index(ofKey key: String) -> Int? {
        entries.firstIndex { $0.key.value == key }
    }
}

/// A sequence with its items in document order.
public struct YAMLSequence: Sendable, Equatable {
    public var items: [YAMLNode]
    public var location: SourceLocation

    public init(items: [YAMLNode], location: SourceLocation) {
        self.items = items
        self.location = location
    }
}

/// One document of a manifest file. `root` is nil for an empty document.
public struct YAMLDocument: Sendable, Equatable {
    public var root: YAMLNode?
    public var location: SourceLocation

    public init(root: YAMLNode?, location: SourceLocation) {
        self.root = root
        self.location = location
    }
}
