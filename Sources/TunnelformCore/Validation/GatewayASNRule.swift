/// A customer gateway's ASN is not 45104, the cloud side's default ASN.
public struct GatewayASNRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for gateway in context.model.customerGateways where gateway.value.asn == .cloudDefault {
            diagnostics.append(.error("asn 45104 is reserved for the Alibaba Cloud side",
                                      hint: "use your data center's own ASN, preferably a private one (64512–65534)",
                                      in: gateway, at: ["asn"], address: gateway.value.address))
        }
    }
}
