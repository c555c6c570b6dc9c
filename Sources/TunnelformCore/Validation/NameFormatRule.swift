/// Names are 1–100 characters and do not start with `http://` or `https://`.
public struct NameFormatRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for gateway in context.model.customerGateways {
            check(gateway.value.name, of: gateway, address: gateway.value.address, path: ["name"], into: &diagnostics)
        }
        for connection in context.model.connections {
            check(connection.value.name, of: connection, address: connection.value.address, path: ["name"], into: &diagnostics)
            for (index, tunnel) in connection.value.tunnels.enumerated() where tunnel.customerGateway.isEmpty {
                diagnostics.append(.error("tunnel \(index + 1) names an empty customer gateway", hint: "write the name of a CustomerGateway",
                                          in: connection, at: ["tunnels", .index(index), "customerGateway"], address: connection.value.address))
            }
        }
    }

    private func check<O>(_ name: String, of object: Declared<O>, address: ResourceAddress, path: SourcePath, into diagnostics: inout [Diagnostic]) {
        guard let problem = ConsoleText.problem(with: name) else { return }
        diagnostics.append(.error("name \(problem)", hint: "choose a name of 1–100 characters", in: object, at: path, address: address))
    }
}
