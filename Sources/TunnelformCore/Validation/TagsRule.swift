/// At most 20 tags; keys do not start with `aliyun` or `acs:` and contain no URL scheme.
public struct TagsRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for gateway in context.model.customerGateways {
            check(gateway.value.tags, of: gateway, address: gateway.value.address, into: &diagnostics)
        }
        for connection in context.model.connections {
            check(connection.value.tags, of: connection, address: connection.value.address, into: &diagnostics)
        }
    }

    private func check<O>(_ tags: [String: String], of object: Declared<O>, address: ResourceAddress, into diagnostics: inout [Diagnostic]) {
        if tags.count > 20 {
            diagnostics.append(.error("\(tags.count) tags, at most 20 are allowed", hint: "remove \(tags.count - 20) tags",
                                      in: object, at: ["tags"], address: address))
        }
        // Sorted once the problems are known: most objects have none, and need no sorted copy of their keys.
        let problems = tags.keys.compactMap { key in Self.problem(withKey: key).map { (key: key, problem: $0) } }
        for (key, problem) in problems.sorted(by: { $0.key < $1.key }) {
            let location = object.node.keyLocation(of: ["tags"], key: key) ?? object.location(["tags"])
            diagnostics.append(.error("tag key '\(key)' \(problem)", hint: "choose another tag key", address: address.description, at: location))
        }
    }

    private static func problem(withKey key: String) -> String? {
        let lowered = key.lowercased()
        return if key.isEmpty || key.count > 128 { "must be 1–128 characters long" }
            else if lowered.hasPrefix("aliyun") || lowered.hasPrefix("acs:") { "must not start with 'aliyun' or 'acs:' (reserved by the cloud)" }
            else if hasURLScheme(lowered) { "must not contain http:// or https://" }
            else { nil }
    }

    /// Whether `text` contains `http://` or `https://`. Most keys have no colon, so the (Foundation) substring
    /// search, slow for the thousands of keys of a large project, runs only for the few that do.
    private static func hasURLScheme(_ text: String) -> Bool {
        text.utf8.contains(UInt8(ascii: ":")) && (text.contains("http://") || text.contains("https://"))
    }
}
