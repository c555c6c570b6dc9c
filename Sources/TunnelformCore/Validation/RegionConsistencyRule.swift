/// A connection and the customer gateways its tunnels use are in the same region.
public struct RegionConsistencyRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections {
            for (index, tunnel) in connection.value.tunnels.enumerated() {
                guard let gateway = context.gatewaysByName[tunnel.customerGateway],
                      gateway.value.region != connection.value.region else { continue }
                diagnostics.append(.error(
                    "tunnel \(index + 1) uses \(gateway.value.address) in region \(gateway.value.region), but the connection is in \(connection.value.region)",
                    hint: "use a customer gateway in \(connection.value.region), or move the connection", in: connection,
                    at: ["tunnels", .index(index), "customerGateway"], address: connection.value.address))
            }
        }
    }
}
