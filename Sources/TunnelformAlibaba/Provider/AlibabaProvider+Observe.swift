import TunnelformCore

extension AlibabaProvider {
    /// Everything in one region at the largest page sizes, so N connections cost about N/50 calls:
    ///
    /// - `DescribeCustomerGateways` and `DescribeVpnConnections`, `PageSize=50`;
    /// - `ListTransitRouterVpnAttachments` for the region, `MaxResults=100` with `NextToken`;
    /// - per transit router in use: its default route table (cached), then
    ///   `ListTransitRouterRouteTableAssociations` and `…Propagations` on that table (VPN attachments only);
    /// - grants: `DescribeVpnCrossAccountAuthorizations`, called only for the connections that report
    ///   `CrossAccountAuthorized=true`, so accounts without cross-account bindings pay nothing for it.
    public func observe(region: String) async throws(CloudError) -> CloudInventory {
        let gateways = try await pagesByNumber(APICall(.vpc, "DescribeCustomerGateways", region: region, parameters: [
            "RegionId": .string(region),
        ]), list: ("CustomerGateways", "CustomerGateway")).compactMap(InventoryParser.customerGateway)

        let connections = try await pagesByNumber(APICall(.vpc, "DescribeVpnConnections", region: region, parameters: [
            "RegionId": .string(region),
        ]), list: ("VpnConnections", "VpnConnection")).compactMap(ConnectionParser.connection)

        let attachments = try await pagesByToken(APICall(.cbn, "ListTransitRouterVpnAttachments", region: region, parameters: [
            "RegionId": .string(region),
        ]), list: ("TransitRouterAttachments", "TransitRouterAttachment")).compactMap(InventoryParser.transitRouterAttachment)
        for attachment in attachments where !attachment.transitRouterId.isEmpty {
            await directory.remember(attachment: attachment.id, transitRouter: attachment.transitRouterId)
        }

        var associations: [CloudRouteTableLink] = []
        var propagations: [CloudRouteTableLink] = []
        let routers = Set(attachments.map(\.transitRouterId).filter { !$0.isEmpty }).sorted()
        for router in routers {
            let table = try await defaultRouteTable(region: region, transitRouterId: router)
            let filter: [String: WireValue?] = ["TransitRouterRouteTableId": .string(table), "TransitRouterAttachmentResourceType": "VPN"]
            associations += try await pagesByToken(
                APICall(.cbn, "ListTransitRouterRouteTableAssociations", region: region, parameters: filter),
                list: ("TransitRouterAssociations", "TransitRouterAssociation")).compactMap(InventoryParser.routeTableLink)
            propagations += try await pagesByToken(
                APICall(.cbn, "ListTransitRouterRouteTablePropagations", region: region, parameters: filter),
                list: ("TransitRouterPropagations", "TransitRouterPropagation")).compactMap(InventoryParser.routeTableLink)
        }

        var grants: [CloudGrant] = []
        for connection in connections where connection.crossAccountAuthorized {
            grants += try await pagesByNumber(APICall(.vpc, "DescribeVpnCrossAccountAuthorizations", region: region, parameters: [
                "RegionId": .string(region), "VpnConnectionId": .string(connection.id),
            ]), list: ("CrossAccountAuthorizations", "CrossAccountAuthorization")).compactMap {
                InventoryParser.grant($0, connectionId: connection.id)
            }
        }

        return CloudInventory(region: region, customerGateways: gateways, connections: connections,
                              transitRouterAttachments: attachments, routeTableAssociations: associations,
                              routeTablePropagations: propagations, grants: grants)
    }
}

extension AlibabaProvider {
    /// `DescribeVpnConnection`: one connection with its tunnels and keys; nil when the cloud has none by that id.
    public func connection(region: String, id: String) async throws(CloudError) -> CloudConnection? {
        let json: JSONValue
        do {
            json = try await client.call(APICall(.vpc, "DescribeVpnConnection", region: region, parameters: [
                "RegionId": .string(region), "VpnConnectionId": .string(id),
            ]))
        } catch let error where Self.isNotFound(error) {
            return nil
        }
        return ConnectionParser.connection(json)
    }
}
