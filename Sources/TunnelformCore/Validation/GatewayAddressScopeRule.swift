/// A gateway used by a `public` connection has a public IP; one used by a `private` connection a private IP.
public struct GatewayAddressScopeRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        var reported = Set<String>()
        for connection in context.model.connections {
            let type = connection.value.gatewayType
            for gateway in context.gateways(of: connection.value) where gateway.value.ipAddress.isPrivate != (type == .private) {
                guard reported.insert("\(gateway.value.name)/\(type)").inserted else { continue }
                let scope = type == .private ? "a private" : "a public"
                diagnostics.append(.error(
                    "\(gateway.value.address) has \(gateway.value.ipAddress.isPrivate ? "a private" : "a public") address \(gateway.value.ipAddress), but \(connection.value.address) (gatewayType: \(type.rawValue)) needs \(scope) one",
                    hint: type == .private ? "use the device's private address, or set gatewayType: public" : "use the device's public address, or set gatewayType: private",
                    in: gateway, at: ["ipAddress"], address: gateway.value.address))
            }
        }
    }
}
