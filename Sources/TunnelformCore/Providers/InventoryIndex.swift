/// Lookups into one region's inventory in constant time, built once per plan so that planning
/// stays linear in the number of objects.
public struct InventoryIndex: Sendable {
    public let inventory: CloudInventory
    public let customerGateways: KeyedElements<CloudCustomerGateway>
    public let connections: KeyedElements<CloudConnection>
    public let attachments: KeyedElements<CloudTransitRouterAttachment>
    public let attachmentsByConnection: KeyedElements<CloudTransitRouterAttachment>
    public let associations: KeyedElements<CloudRouteTableLink>
    public let propagations: KeyedElements<CloudRouteTableLink>
    public let grants: [String: [CloudGrant]]

    public init(_ inventory: CloudInventory) {
        self.inventory = inventory
        customerGateways = KeyedElements(inventory.customerGateways, key: \.id)
        connections = KeyedElements(inventory.connections, key: \.id)
        attachments = KeyedElements(inventory.transitRouterAttachments, key: \.id)
        attachmentsByConnection = KeyedElements(inventory.transitRouterAttachments, key: \.vpnId)
        associations = KeyedElements(inventory.routeTableAssociations, key: \.attachmentId)
        propagations = KeyedElements(inventory.routeTablePropagations, key: \.attachmentId)
        grants = Dictionary(grouping: inventory.grants, by: \.vpnId)
    }
}
