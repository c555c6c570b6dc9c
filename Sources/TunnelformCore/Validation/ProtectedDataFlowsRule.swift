/// `localNetworks` and `remoteNetworks` are required with `protectedDataFlows` and forbidden otherwise.
public struct ProtectedDataFlowsRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections {
            for (field, networks) in [("localNetworks", connection.value.localNetworks), ("remoteNetworks", connection.value.remoteNetworks)] {
                let written = connection.node.node(at: [.key(field)]) != nil
                if connection.value.routingMode == .protectedDataFlows && networks.isEmpty {
                    diagnostics.append(.error("routingMode protectedDataFlows needs at least one CIDR block in \(field)",
                                              hint: "add \(field), or use routingMode: destination",
                                              in: connection, at: written ? [.key(field)] : ["routingMode"], address: connection.value.address))
                } else if connection.value.routingMode == .destination && written {
                    diagnostics.append(.error("\(field) is only allowed with routingMode: protectedDataFlows",
                                              hint: "remove \(field), or set routingMode: protectedDataFlows",
                                              in: connection, at: [.key(field)], address: connection.value.address))
                }
            }
        }
    }
}
