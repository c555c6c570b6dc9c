/// A tunnel CIDR is a /30 network inside 169.254.0.0/16, and not one of the blocks the cloud reserves.
public struct TunnelCidrRule: ValidationRule {
    public init() {}

    static let linkLocal = IPv4Network(address: IPv4Address(0xA9FE_0000), prefixLength: 16)
    /// 169.254.0.0/30 … 169.254.6.0/30 (the API reference's list, one wider than the console's) and 169.254.169.252/30.
    static let reserved: Set<UInt32> = Set((0...6).map { 0xA9FE_0000 | UInt32($0) << 8 } + [0xA9FE_A9FC])

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections {
            for (index, tunnel) in connection.value.tunnels.enumerated() {
                guard let cidr = tunnel.bgp?.tunnelCidr, let problem = Self.problem(with: cidr) else { continue }
                diagnostics.append(.error("tunnel \(index + 1) bgp.tunnelCidr \(cidr) \(problem.0)", hint: problem.1, in: connection,
                                          at: ["tunnels", .index(index), "bgp", "tunnelCidr"], address: connection.value.address))
            }
        }
    }

    static func problem(with cidr: IPv4Network) -> (String, String)? {
        if cidr.prefixLength != 30 { return ("is not a /30", "use a /30 block such as 169.254.10.0/30") }
        if !linkLocal.contains(cidr) { return ("is outside 169.254.0.0/16", "use a /30 block inside 169.254.0.0/16") }
        if !cidr.isNetworkAddress { return ("has host bits set", "did you mean \(cidr.normalized)?") }
        if reserved.contains(cidr.address.value) {
            return ("is reserved by the cloud", "169.254.0.0/30 to 169.254.6.0/30 and 169.254.169.252/30 are reserved; use another /30")
        }
        return nil
    }
}
