import TunnelformCore

extension AlibabaProvider {
    /// One Describe/List call for the object (plus the cached route-table lookup for links).
    public func status(of object: CloudObjectRef) async throws(CloudError) -> SettleStatus {
        switch object {
        case .connection(let region, let id):
            return try await connectionStatus(region: region, id: id)
        case .transitRouterAttachment(let region, let id):
            guard let attachment = try await findAttachment(region: region, attachmentId: id) else { return .gone }
            return attachment.status == .attached ? .settled(attachment.status.rawValue) : .pending(attachment.status.rawValue)
        case .routeTableAssociation(let region, let attachmentId):
            return try await linkStatus(region: region, attachmentId: attachmentId, action: "ListTransitRouterRouteTableAssociations",
                                        list: ("TransitRouterAssociations", "TransitRouterAssociation"))
        case .routeTablePropagation(let region, let attachmentId):
            return try await linkStatus(region: region, attachmentId: attachmentId, action: "ListTransitRouterRouteTablePropagations",
                                        list: ("TransitRouterPropagations", "TransitRouterPropagation"))
        }
    }

    func connectionStatus(region: String, id: String) async throws(CloudError) -> SettleStatus {
        let json: JSONValue
        do {
            json = try await client.call(APICall(.vpc, "DescribeVpnConnection", region: region, parameters: [
                "RegionId": .string(region), "VpnConnectionId": .string(id),
            ]))
        } catch let error where Self.isNotFound(error) {
            return .gone
        }
        let state = json["State"]?.stringValue ?? ""
        switch state.lowercased() {
        case "deleted": return .gone
        case "financiallocked": return .settled(state)
        default:
            if let known = ConnectionState(rawValue: state), !known.isTransient { return .settled(state) }
            return .pending(state.isEmpty ? "unknown" : state)
        }
    }

    func linkStatus(region: String, attachmentId: String, action: String, list: (String, String)) async throws(CloudError) -> SettleStatus {
        guard let router = try await transitRouterId(region: region, attachmentId: attachmentId), !router.isEmpty else { return .gone }
        let table = try await defaultRouteTable(region: region, transitRouterId: router)
        let json = try await client.call(APICall(.cbn, action, region: region, parameters: [
            "TransitRouterRouteTableId": .string(table), "TransitRouterAttachmentId": .string(attachmentId),
        ]))
        guard let item = json.list(list.0, list.1).first(where: { $0["TransitRouterAttachmentId"]?.stringValue == attachmentId }),
              let text = item["Status"]?.nonEmptyString else { return .gone }
        switch InventoryParser.linkStatus(text) {
        case .active: return .settled(text)
        case nil: return .gone
        default: return .pending(text)
        }
    }
}
