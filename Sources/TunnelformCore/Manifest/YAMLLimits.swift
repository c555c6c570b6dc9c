/// Bounds that keep reading a manifest fast and safe whatever the input.
public struct YAMLLimits: Sendable, Equatable {
    /// Files larger than this are rejected before parsing.
    public var maxFileBytes: Int
    /// The deepest nesting of mappings and sequences accepted, counting aliases as expanded.
    public var maxDepth: Int
    /// How many nodes alias expansion may create in one file, so a "billion laughs" file fails fast.
    public var maxAliasExpansionNodes: Int

    public init(maxFileBytes: Int = 16 << 20, maxDepth: Int = 64, maxAliasExpansionNodes: Int = 10_000) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansionNodes = maxAliasExpansionNodes
    }

    public static let `default` = YAMLLimits()
}
