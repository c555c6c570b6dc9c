/// Literal secrets follow the cloud's character and length rules (references are checked once resolved).
public struct SecretFormatRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for gateway in context.model.customerGateways {
            guard case .literal(let value)? = gateway.value.bgpAuthKey, let problem = SecretKind.bgpAuthKey.problem(with: value) else { continue }
            diagnostics.append(.error("bgpAuthKey \(problem)", hint: "choose another key", in: gateway, at: ["bgpAuthKey"], address: gateway.value.address))
        }
        for connection in context.model.connections {
            for (index, tunnel) in connection.value.tunnels.enumerated() {
                guard case .literal(let value)? = tunnel.preSharedKey, let problem = SecretKind.preSharedKey.problem(with: value) else { continue }
                diagnostics.append(.error("tunnel \(index + 1) preSharedKey \(problem)", hint: "choose another key", in: connection,
                                          at: ["tunnels", .index(index), "preSharedKey"], address: connection.value.address))
            }
        }
    }
}
