/// IKE and IPsec SA lifetimes are 0–86400 seconds.
public struct LifetimeRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections {
            for (index, tunnel) in connection.value.tunnels.enumerated() {
                for (section, lifetime) in [("ike", tunnel.ike.lifetime), ("ipsec", tunnel.ipsec.lifetime)] where !(0...86400).contains(lifetime) {
                    diagnostics.append(.error("\(section).lifetime \(lifetime) is out of range",
                                              hint: "use 0–86400 seconds", in: connection,
                                              at: ["tunnels", .index(index), .key(section), "lifetime"], address: connection.value.address))
                }
            }
        }
    }
}
