/// A BGP-enabled connection's customer gateways have an ASN, different from the connection's local ASN.
public struct BGPGatewayASNRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections where connection.value.bgp.enabled {
            let localAsn = connection.value.bgp.localAsn
            for gateway in context.gateways(of: connection.value) {
                if let asn = gateway.value.asn {
                    guard asn == localAsn else { continue }
                    diagnostics.append(.error("\(gateway.value.address) has asn \(asn), the same as the local ASN of \(connection.value.address)",
                                              hint: "the two BGP sides need different ASNs: change the gateway's asn or bgp.localAsn",
                                              in: gateway, at: ["asn"], address: gateway.value.address))
                } else if gateway.node.node(at: ["asn"]) == nil {
                    // An asn that was written but did not read has its own error already.
                    diagnostics.append(.error("\(gateway.value.address) has no asn, but \(connection.value.address) uses it with BGP enabled",
                                              hint: "add asn: with the data center's BGP ASN", in: gateway, address: gateway.value.address))
                }
            }
        }
    }
}
