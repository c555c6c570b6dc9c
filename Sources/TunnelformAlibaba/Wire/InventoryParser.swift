import TunnelformCore

/// Reads customer gateways, transit-router attachments, route-table links and grants from list items.
public enum InventoryParser {
    /// Nil for an item without an id or an IPv4 address (Tunnelform never creates such a gateway).
    public static func customerGateway(_ item: JSONValue) -> CloudCustomerGateway? {
        guard let id = item["CustomerGatewayId"]?.nonEmptyString,
              let address = item["IpAddress"]?.nonEmptyString.flatMap(IPv4Address.init) else { return nil }
        let asn = item["Asn"]?.int64Value.flatMap { $0 > 0 && $0 <= Int64(UInt32.max) ? ASN(UInt32($0)) : nil }
        return CloudCustomerGateway(
            id: id, name: item["Name"]?.stringValue ?? "", ipAddress: address, asn: asn,
            authKey: item["AuthKey"]?.nonEmptyString, description: item["Description"]?.nonEmptyString,
            tags: item.tags, createTime: item["CreateTime"]?.int64Value ?? 0)
    }

    public static func transitRouterAttachment(_ item: JSONValue) -> CloudTransitRouterAttachment? {
        guard let id = item["TransitRouterAttachmentId"]?.nonEmptyString, let vpnId = item["VpnId"]?.nonEmptyString else { return nil }
        if let type = item["ResourceType"]?.nonEmptyString, type.uppercased() != "VPN" { return nil }
        let statusText = item["Status"]?.stringValue?.lowercased() ?? ""
        let status: AttachmentStatus = switch statusText {
        case "attached": .attached
        case "detaching": .detaching
        default: .attaching
        }
        return CloudTransitRouterAttachment(
            id: id, vpnId: vpnId, cenId: item["CenId"]?.stringValue ?? "", transitRouterId: item["TransitRouterId"]?.stringValue ?? "",
            status: status, autoPublishRouteEnabled: item["AutoPublishRouteEnabled"]?.boolValue ?? true)
    }

    /// An association or propagation. `Associating`/`Enabling` read as pending, `Dissociating`/`Disabling`
    /// as removing; `Deleted` (gone) and items without ids give nil.
    public static func routeTableLink(_ item: JSONValue) -> CloudRouteTableLink? {
        guard let attachmentId = item["TransitRouterAttachmentId"]?.nonEmptyString,
              let tableId = item["TransitRouterRouteTableId"]?.nonEmptyString else { return nil }
        guard let status = linkStatus(item["Status"]?.stringValue) else { return nil }
        return CloudRouteTableLink(attachmentId: attachmentId, routeTableId: tableId, status: status)
    }

    static func linkStatus(_ text: String?) -> RouteTableLinkStatus? {
        switch text?.lowercased() ?? "" {
        case "active": .active
        case "dissociating", "disabling", "removing": .removing
        case "deleted": nil
        default: .pending
        }
    }

    /// A `DescribeVpnCrossAccountAuthorizations` item. The API does not report who pays, so the
    /// grant reads as `cenOwner` (the API's default order type).
    public static func grant(_ item: JSONValue, connectionId: String) -> CloudGrant? {
        guard let cenId = item["BindInstance"]?.nonEmptyString, let owner = item["BindUid"]?.nonEmptyString else { return nil }
        if let product = item["BindProduct"]?.nonEmptyString, product.uppercased() != "CEN" { return nil }
        return CloudGrant(vpnId: item["VpnConnectionId"]?.nonEmptyString ?? connectionId, cenId: cenId, cenOwnerUid: owner, payer: .cenOwner)
    }
}
