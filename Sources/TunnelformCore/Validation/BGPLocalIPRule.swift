/// A tunnel's local BGP IP is a usable host of its tunnel CIDR: inside it, not the network or broadcast address.
public struct BGPLocalIPRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections {
            for (index, tunnel) in connection.value.tunnels.enumerated() {
                // A tunnel CIDR that is wrong itself is TunnelCidrRule's one error; the IP is judged once it is fixed.
                guard let bgp = tunnel.bgp, TunnelCidrRule.problem(with: bgp.tunnelCidr) == nil else { continue }
                let cidr = bgp.tunnelCidr.normalized
                let ip = bgp.localIp
                let problem: String? =
                    if !cidr.contains(ip) { "is not inside tunnelCidr \(cidr)" }
                    else if ip == cidr.networkAddress { "is the network address of \(cidr)" }
                    else if ip == cidr.broadcastAddress { "is the broadcast address of \(cidr)" }
                    else { nil }
                guard let problem else { continue }
                let first = IPv4Address(cidr.networkAddress.value &+ 1)
                let last = IPv4Address(cidr.broadcastAddress.value &- 1)
                diagnostics.append(.error("tunnel \(index + 1) bgp.localIp \(ip) \(problem)", hint: "use \(first) or \(last)",
                                          in: connection, at: ["tunnels", .index(index), "bgp", "localIp"], address: connection.value.address))
            }
        }
    }
}
