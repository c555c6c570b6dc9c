/// The two tunnels of a connection use different tunnel CIDRs, and no two connections of a region share one.
public struct DistinctTunnelCidrRule: ValidationRule {
    public init() {}

    private struct Key: Hashable { var region: String; var network: IPv4Network }

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        var firstUse: [Key: (connection: String, tunnel: Int)] = [:]
        for connection in context.model.connections {
            for (index, tunnel) in connection.value.tunnels.enumerated() {
                guard let cidr = tunnel.bgp?.tunnelCidr.normalized else { continue }
                let key = Key(region: connection.value.region, network: cidr)
                guard let first = firstUse[key] else {
                    firstUse[key] = (connection.value.name, index)
                    continue
                }
                let other = first.connection == connection.value.name
                    ? "tunnel \(first.tunnel + 1) of the same connection"
                    : "tunnel \(first.tunnel + 1) of VpnConnection/\(first.connection) in \(connection.value.region)"
                diagnostics.append(.error("tunnel \(index + 1) bgp.tunnelCidr \(cidr) is already used by \(other)",
                                          hint: "give every tunnel in a region its own /30", in: connection,
                                          at: ["tunnels", .index(index), "bgp", "tunnelCidr"], address: connection.value.address))
            }
        }
    }
}
