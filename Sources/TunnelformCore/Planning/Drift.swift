/// An object whose cloud values no longer match what Tunnelform last applied: changed, deleted or
/// added (a route-table link or grant switched on) outside Tunnelform. Pure data, no secret values:
/// a key that changed is shown as `(sensitive)`.
public struct Drift: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case changed, deleted, added
    }

    public var address: ResourceAddress
    public var object: PlanObject
    public var kind: Kind
    /// The object's cloud id as recorded in the state.
    public var cloudId: String?
    /// Attribute by attribute, recorded (before) → observed (after). Tunnel settings are named
    /// `tunnel1.…` and `tunnel2.…`.
    public var changes: [AttributeChange]

    public init(address: ResourceAddress, object: PlanObject, kind: Kind, cloudId: String?, changes: [AttributeChange] = []) {
        self.address = address
        self.object = object
        self.kind = kind
        self.cloudId = cloudId
        self.changes = changes
    }

    public var key: Refresher.ObjectKey { Refresher.ObjectKey(address: address, object: object) }

    /// What happened, in the console's words.
    public var summary: String {
        switch (kind, object) {
        case (.changed, _): "changed"
        case (.deleted, .transitRouterAttachment): "detached from its transit router"
        case (.deleted, .routeTableAssociation): "dissociated from the default route table"
        case (.deleted, .routeTablePropagation): "route propagation to the default route table disabled"
        case (.deleted, .grant): "grant revoked"
        case (.deleted, _): "deleted"
        case (.added, .routeTableAssociation): "associated with the default route table"
        case (.added, .routeTablePropagation): "route propagation to the default route table enabled"
        case (.added, .grant): "granted"
        case (.added, _): "created"
        }
    }
}
