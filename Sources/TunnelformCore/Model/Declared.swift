/// A model object together with the document it was decoded from, so that any later stage can
/// point a diagnostic at the exact line and column of any of its fields.
///
/// Immutable and shared: the model, the gateway index and every rule hold the same instance, so
/// passing a declared object around costs one reference count instead of a copy of every field.
public final class Declared<Object: Sendable>: Sendable {
    public let value: Object
    /// The document's root mapping.
    public let node: YAMLNode

    public init(value: Object, node: YAMLNode) {
        self.value = value
        self.node = node
    }

    public var file: String { node.location.file }

    /// Where the field at `path` was written, or the nearest enclosing block when defaulted.
    public func location(_ path: SourcePath = []) -> SourceLocation { node.location(of: path) }
}

/// Everything the manifests declare, in file order.
public struct DesiredModel: Sendable {
    public var customerGateways: [Declared<CustomerGateway>]
    public var connections: [Declared<VpnConnection>]
    /// `kind: Moved` documents, applied to the state in order before planning.
    public var moves: [Declared<StateMove>]

    public init(customerGateways: [Declared<CustomerGateway>] = [], connections: [Declared<VpnConnection>] = [],
                moves: [Declared<StateMove>] = []) {
        self.customerGateways = customerGateways
        self.connections = connections
        self.moves = moves
    }

    /// Customer gateways by name; the first declaration wins when names repeat.
    public var customerGatewaysByName: [String: Declared<CustomerGateway>] {
        Dictionary(customerGateways.map { ($0.value.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
