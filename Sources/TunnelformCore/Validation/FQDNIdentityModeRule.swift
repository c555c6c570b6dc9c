/// Warns when an FQDN identity is used without aggressive mode, as the console recommends aggressive mode then.
public struct FQDNIdentityModeRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections {
            for (index, tunnel) in connection.value.tunnels.enumerated() where tunnel.ike.mode != .aggressive {
                for (field, identity) in [("localId", tunnel.ike.localId), ("remoteId", tunnel.ike.remoteId)] {
                    guard let identity, IKEIdentity.form(of: identity) == .fqdn else { continue }
                    diagnostics.append(.warning("ike.\(field) '\(identity)' is an FQDN but tunnel \(index + 1) negotiates in main mode",
                                                hint: "set ike.mode: aggressive, as the cloud recommends for FQDN identities",
                                                in: connection, at: ["tunnels", .index(index), "ike", .key(field)], address: connection.value.address))
                }
            }
        }
    }
}
