extension PlanProblem {
    /// The problem as a diagnostic at the field it names, in the declaration of its address.
    public func diagnostic(in model: DesiredModel) -> Diagnostic {
        var path = SourcePath()
        if let tunnel { path = path.appending("tunnels").appending(tunnel) }
        for key in field.split(separator: ".") { path = path.appending(String(key)) }
        let location: SourceLocation? = switch address.kind {
        case .vpnConnection: model.connections.first { $0.value.name == address.name }?.location(path)
        case .customerGateway: model.customerGateways.first { $0.value.name == address.name }?.location(path)
        }
        return .error(message, hint: hint, address: address.description, at: location)
    }
}
