/// A path to a field inside one manifest document, e.g. `tunnels[1].bgp.tunnelCidr`.
public struct SourcePath: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }
    public init(arrayLiteral elements: Component...) { components = elements }

    public func appending(_ key: String) -> SourcePath { SourcePath(components + [.key(key)]) }
    public func appending(_ index: Int) -> SourcePath { SourcePath(components + [.index(index)]) }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}

extension SourcePath.Component: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .key(value) }
    public init(integerLiteral value: Int) { self = .index(value) }
}

extension YAMLNode {
    /// The location of the node at `path`, or of its deepest ancestor that was written
    /// (a defaulted field points at the block it would belong to).
    public func location(of path: SourcePath) -> SourceLocation {
        var node = self
        for component in path.components {
            switch (component, node) {
            case let (.key(key), .mapping(mapping)):
                guard let child = mapping[key] else { return node.location }
                node = child
            case let (.index(index), .sequence(sequence)):
                guard sequence.items.indices.contains(index) else { return node.location }
                node = sequence.items[index]
            default:
                return node.location
            }
        }
        return node.location
    }

    /// The location of the key `key` of the mapping at `path`, for "this key is not allowed".
    public func keyLocation(of path: SourcePath, key: String) -> SourceLocation? {
        guard case .mapping(let mapping)? = node(at: path) else { return nil }
        return mapping.entries.first { $0.key.value == key }?.key.location
    }

    /// The node at `path`, if it was written.
    public func node(at path: SourcePath) -> YAMLNode? {
        var node = self
        for component in path.components {
            switch (component, node) {
            case let (.key(key), .mapping(mapping)):
                guard let child = mapping[key] else { return nil }
                node = child
            case let (.index(index), .sequence(sequence)):
                guard sequence.items.indices.contains(index) else { return nil }
                node = sequence.items[index]
            default:
                return nil
            }
        }
        return node
    }
}
