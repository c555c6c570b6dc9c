/// One rule of `domain-rules.md`, checked offline against the whole desired model.
public protocol ValidationRule: Sendable {
    /// Appends a diagnostic for every violation. Must be linear in the size of the model.
    func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic])
}

/// What every rule may look at: the model, its gateways by name, and the objects that failed
/// to decode (so rules do not report follow-on errors about them).
public struct ValidationContext: Sendable {
    public var model: DesiredModel
    public var gatewaysByName: [String: Declared<CustomerGateway>]
    public var invalidAddresses: Set<ResourceAddress>

    public init(model: DesiredModel, invalidAddresses: Set<ResourceAddress> = []) {
        self.model = model
        self.gatewaysByName = model.customerGatewaysByName
        self.invalidAddresses = invalidAddresses
    }

    /// The declared gateways that a connection's tunnels use, once each, in tunnel order.
    /// A connection has two tunnels: the gateways found are compared by identity, not hashed into a set.
    public func gateways(of connection: VpnConnection) -> [Declared<CustomerGateway>] {
        var found: [Declared<CustomerGateway>] = []
        found.reserveCapacity(connection.tunnels.count)
        for tunnel in connection.tunnels {
            guard let gateway = gatewaysByName[tunnel.customerGateway], !found.contains(where: { $0 === gateway }) else { continue }
            found.append(gateway)
        }
        return found
    }
}

extension Diagnostic {
    /// An error about a declared object, positioned at one of its fields.
    static func error<O>(_ message: String, hint: String? = nil, in object: Declared<O>, at path: SourcePath = [], address: ResourceAddress) -> Diagnostic {
        .error(message, hint: hint, address: address.description, at: object.location(path))
    }

    static func warning<O>(_ message: String, hint: String? = nil, in object: Declared<O>, at path: SourcePath = [], address: ResourceAddress) -> Diagnostic {
        .warning(message, hint: hint, address: address.description, at: object.location(path))
    }
}
