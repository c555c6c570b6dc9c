/// Flattened OpenAPI parameters (`Key.N.Sub.Leaf`, `alibaba-api.md` §2.3) un-flattened into a tree.
///
/// A node may hold a value and children at once (`A=1&A.B=2`), so nothing sent is lost. Lists are
/// nodes whose children are named `1`, `2`, …; `list(_:)` returns them in numeric order.
public struct ParameterTree: Sendable, Equatable {
    public var value: String?
    public var children: [String: ParameterTree]

    public init(value: String? = nil, children: [String: ParameterTree] = [:]) {
        self.value = value
        self.children = children
    }

    /// The tree of every parameter, split at dots.
    public init(flattened parameters: [String: String]) {
        self.init()
        for (key, value) in parameters {
            insert(value, at: key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)[...])
        }
    }

    private mutating func insert(_ value: String, at path: ArraySlice<String>) {
        guard let head = path.first else {
            self.value = value
            return
        }
        var child = children[head] ?? ParameterTree()
        child.insert(value, at: path.dropFirst())
        children[head] = child
    }

    public subscript(_ name: String) -> ParameterTree? { children[name] }

    /// The value at `name`, nil when absent or empty.
    public func string(_ name: String) -> String? {
        guard let text = children[name]?.value, !text.isEmpty else { return nil }
        return text
    }

    /// Items `name.1`, `name.2`, … in numeric order; names that are not positive integers are ignored.
    public func list(_ name: String) -> [ParameterTree] {
        guard let node = children[name] else { return [] }
        return node.children.compactMap { key, child in Int(key).flatMap { $0 > 0 ? ($0, child) : nil } }
            .sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// `Tags.N.Key`/`Tags.N.Value` (or `Tag.N.…`) as a dictionary; items without a key are skipped.
    public func tags(_ name: String) -> [String: String] {
        var tags: [String: String] = [:]
        for item in list(name) {
            guard let key = item.string("Key") else { continue }
            tags[key] = item.children["Value"]?.value ?? ""
        }
        return tags
    }
}
