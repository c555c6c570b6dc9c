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
        for key in tags.keys.sorted() {
            let lowered = key.lowercased()
            let problem: String? =
                if key.isEmpty || key.count > 128 { "must be 1–128 characters long" }
                else if lowered.hasPrefix("aliyun") || lowered.hasPrefix("acs:") { "must not start with 'aliyun' or 'acs:' (reserved by the cloud)" }
                else if lowered.contains("http://") || lowered.contains("https://") { "must not contain http:// or https://" }
                else { nil }
            guard let problem else { continue }
            let location = object.node.keyLocation(of: ["tags"], key: key) ?? object.location(["tags"])
            diagnostics.append(.error("tag key '\(key)' \(problem)", hint: "choose another tag key", address: address.description, at: location))
        }
    }
}
