/// Lookups into one region's inventory in constant time, built once per plan so that planning
/// stays linear in the number of objects.
public struct InventoryIndex: Sendable {
    public let inventory: CloudInventory
    public let customerGateways: [String: CloudCustomerGateway]
    public let connections: [String: CloudConnection]
    public let attachments: [String: CloudTransitRouterAttachment]
    public let attachmentsByConnection: [String: CloudTransitRouterAttachment]
    public let associations: [String: CloudRouteTableLink]
    public let propagations: [String: CloudRouteTableLink]
    public let grants: [String: [CloudGrant]]

    public init(_ inventory: CloudInventory) {
        self.inventory = inventory
        customerGateways = Dictionary(inventory.customerGateways.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        connections = Dictionary(inventory.connections.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        attachments = Dictionary(inventory.transitRouterAttachments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        attachmentsByConnection = Dictionary(inventory.transitRouterAttachments.map { ($0.vpnId, $0) }, uniquingKeysWith: { a, _ in a })
        associations = Dictionary(inventory.routeTableAssociations.map { ($0.attachmentId, $0) }, uniquingKeysWith: { a, _ in a })
        propagations = Dictionary(inventory.routeTablePropagations.map { ($0.attachmentId, $0) }, uniquingKeysWith: { a, _ in a })
        grants = Dictionary(grouping: inventory.grants, by: \.vpnId)
    }
}
