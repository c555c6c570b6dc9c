/// Warns when an FQDN identity is used in IKEv1 main mode, as the console recommends aggressive mode then
/// (IKEv1 main mode chooses the key before the identities are known). IKEv2 has no aggressive mode
/// and identifies peers by FQDN without trouble: no warning.
public struct FQDNIdentityModeRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections {
            for (index, tunnel) in connection.value.tunnels.enumerated()
                where tunnel.ike.version == .ikev1 && tunnel.ike.mode != .aggressive {
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
