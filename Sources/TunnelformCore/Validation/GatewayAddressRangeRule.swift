/// A customer gateway's IP is not in a range the cloud rejects.
public struct GatewayAddressRangeRule: ValidationRule {
    public init() {}

    static let reserved: [(IPv4Network, String)] = [
        (IPv4Network("100.64.0.0/10")!, "shared address space (100.64.0.0/10)"),
        (IPv4Network("127.0.0.0/8")!, "loopback (127.0.0.0/8)"),
        (IPv4Network("169.254.0.0/16")!, "link-local (169.254.0.0/16)"),
        (IPv4Network("224.0.0.0/4")!, "multicast (224.0.0.0/4)"),
        (IPv4Network("255.0.0.0/8")!, "reserved (255.0.0.0/8)"),
        (IPv4Network("0.0.0.0/8")!, "\"this network\" (0.0.0.0/8)"),
    ]

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for gateway in context.model.customerGateways {
            let ip = gateway.value.ipAddress
            guard let (_, range) = Self.reserved.first(where: { $0.0.contains(ip) }) else { continue }
            diagnostics.append(.error("ipAddress \(ip) is in the \(range) range, which a customer gateway may not use",
                                      hint: "use the address of the data center's VPN device", in: gateway, at: ["ipAddress"], address: gateway.value.address))
        }
    }
}
