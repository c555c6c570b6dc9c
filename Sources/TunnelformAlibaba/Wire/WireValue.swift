/// A parameter value before flattening onto the wire (`alibaba-api.md` §2.3).
public indirect enum WireValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral {
    case string(String)
    case integer(Int64)
    case bool(Bool)
    /// A repeated list: `Key.1`, `Key.2`, … (1-based).
    case list([WireValue])
    /// A nested struct: `Key.Sub`; nil members are left out.
    case object([String: WireValue?])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    /// Flattens every parameter: lists as `Key.N`, structs as `Key.Sub.Leaf`, booleans as
    /// `true`/`false`, integers in plain decimal.
    public static func flatten(_ parameters: [String: WireValue?]) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in parameters {
            value?.flatten(into: &out, prefix: key)
        }
        return out
    }

    func flatten(into out: inout [String: String], prefix: String) {
        switch self {
        case .string(let text): out[prefix] = text
        case .integer(let number): out[prefix] = String(number)
        case .bool(let flag): out[prefix] = flag ? "true" : "false"
        case .list(let items):
            for (offset, item) in items.enumerated() {
                item.flatten(into: &out, prefix: "\(prefix).\(offset + 1)")
            }
        case .object(let members):
            for (name, member) in members {
                member?.flatten(into: &out, prefix: "\(prefix).\(name)")
            }
        }
    }

    /// Tags as a list of `{Key, Value}` structs, sorted by key so the wire order is stable.
    public static func tags(_ tags: [String: String]) -> WireValue? {
        guard !tags.isEmpty else { return nil }
        return .list(tags.sorted { $0.key < $1.key }.map { .object(["Key": .string($0.key), "Value": .string($0.value)]) })
    }
}
