/// `ike.localId` and `ike.remoteId` are an IPv4 address or an FQDN, without spaces, at most 100 characters.
public struct IdentityFormatRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections {
            for (index, tunnel) in connection.value.tunnels.enumerated() {
                for (field, identity) in [("localId", tunnel.ike.localId), ("remoteId", tunnel.ike.remoteId)] {
                    guard let identity, IKEIdentity.form(of: identity) == nil else { continue }
                    let why = identity.contains(" ") ? "contains a space" : identity.utf8.count > 100 ? "is longer than 100 characters" : "is neither an IPv4 address nor a domain name"
                    diagnostics.append(.error("ike.\(field) '\(identity)' \(why)",
                                              hint: "use an IP address such as 192.0.2.1 or an FQDN such as vpn.example.com",
                                              in: connection, at: ["tunnels", .index(index), "ike", .key(field)], address: connection.value.address))
                }
            }
        }
    }
}
