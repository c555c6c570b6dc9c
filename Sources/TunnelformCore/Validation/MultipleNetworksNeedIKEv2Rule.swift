/// More than one CIDR block on either side requires IKEv2 on both tunnels.
public struct MultipleNetworksNeedIKEv2Rule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections {
            guard connection.value.localNetworks.count > 1 || connection.value.remoteNetworks.count > 1 else { continue }
            for (index, tunnel) in connection.value.tunnels.enumerated() where tunnel.ike.version != .ikev2 {
                diagnostics.append(.error("tunnel \(index + 1) uses ikev1, but several CIDR blocks on one side need ikev2",
                                          hint: "set ike.version: ikev2, or use a single CIDR block per side",
                                          in: connection, at: ["tunnels", .index(index), "ike", "version"], address: connection.value.address))
            }
        }
    }
}
