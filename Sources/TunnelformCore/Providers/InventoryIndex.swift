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
        customerGateways = Self.byKey(inventory.customerGateways, \.id)
        connections = Self.byKey(inventory.connections, \.id)
        attachments = Self.byKey(inventory.transitRouterAttachments, \.id)
        attachmentsByConnection = Self.byKey(inventory.transitRouterAttachments, \.vpnId)
        associations = Self.byKey(inventory.routeTableAssociations, \.attachmentId)
        propagations = Self.byKey(inventory.routeTablePropagations, \.attachmentId)
        grants = Dictionary(grouping: inventory.grants, by: \.vpnId)
    }

    /// The first element for each key (written last), in a dictionary sized once, without an
    /// array of pairs in between.
    private static func byKey<Element>(_ elements: [Element], _ key: (Element) -> String) -> [String: Element] {
        var byKey = [String: Element](minimumCapacity: elements.count)
        for element in elements.reversed() { byKey[key(element)] = element }
        return byKey
    }
}
