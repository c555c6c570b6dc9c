/// Every tunnel names a customer gateway declared in the manifests.
public struct CustomerGatewayReferenceRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections {
            for (index, tunnel) in connection.value.tunnels.enumerated() where !tunnel.customerGateway.isEmpty {
                let name = tunnel.customerGateway
                guard context.gatewaysByName[name] == nil,
                      !context.invalidAddresses.contains(ResourceAddress(.customerGateway, name)) else { continue }
                let hint = Suggestion.hint(for: name, in: context.gatewaysByName.keys.sorted())
                    ?? "declare a CustomerGateway named '\(name)'"
                diagnostics.append(.error("tunnel \(index + 1) uses customer gateway '\(name)', which is not declared",
                                          hint: hint, in: connection, at: ["tunnels", .index(index), "customerGateway"], address: connection.value.address))
            }
        }
    }
}
