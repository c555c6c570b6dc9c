import TunnelformCore

extension AlibabaProvider {
    /// Every item of a `PageNumber`/`PageSize` listing; stops at `TotalCount` or a short page.
    func pagesByNumber(_ base: APICall, list: (String, String), pageSize: Int64 = 50) async throws(CloudError) -> [JSONValue] {
        var items: [JSONValue] = []
        for page in Int64(1)...1000 {
            var call = base
            call.parameters["PageNumber"] = WireValue.integer(page)
            call.parameters["PageSize"] = WireValue.integer(pageSize)
            let json = try await client.call(call)
            let pageItems = json.list(list.0, list.1)
            items += pageItems
            if pageItems.isEmpty { break }
            if let total = json["TotalCount"]?.int64Value {
                if items.count >= total { break }
            } else if pageItems.count < pageSize {
                break
            }
        }
        return items
    }

    /// Every item of a `MaxResults`/`NextToken` listing, 100 a page: CBN documents 1–100 for
    /// `ListTransitRouterRouteTables` and states no other bound; 100 is the largest page it is known to accept.
    func pagesByToken(_ base: APICall, list: (String, String), maxResults: Int64 = 100) async throws(CloudError) -> [JSONValue] {
        var items: [JSONValue] = []
        var token: String?
        for _ in 0..<1000 {
            var call = base
            call.parameters["MaxResults"] = WireValue.integer(maxResults)
            call.parameters["NextToken"] = token.map(WireValue.string)
            let json = try await client.call(call)
            items += json.list(list.0, list.1)
            guard let next = json["NextToken"]?.nonEmptyString, next != token else { break }
            token = next
        }
        return items
    }

    /// The attachment as the transit router reports it; nil when it does not exist.
    func findAttachment(region: String, attachmentId: String) async throws(CloudError) -> CloudTransitRouterAttachment? {
        let json = try await client.call(APICall(.cbn, "ListTransitRouterVpnAttachments", region: region, parameters: [
            "RegionId": .string(region), "TransitRouterAttachmentId": .string(attachmentId),
        ]))
        let attachment = json.list("TransitRouterAttachments", "TransitRouterAttachment")
            .compactMap(InventoryParser.transitRouterAttachment).first { $0.id == attachmentId }
        if let attachment, !attachment.transitRouterId.isEmpty {
            await directory.remember(attachment: attachment.id, transitRouter: attachment.transitRouterId)
        }
        return attachment
    }

    func transitRouterId(region: String, attachmentId: String) async throws(CloudError) -> String? {
        if let known = await directory.transitRouter(ofAttachment: attachmentId) { return known }
        return try await findAttachment(region: region, attachmentId: attachmentId)?.transitRouterId
    }

    /// The default route table of the attachment's transit router.
    func defaultRouteTable(region: String, attachmentId: String) async throws(CloudError) -> String {
        guard let router = try await transitRouterId(region: region, attachmentId: attachmentId), !router.isEmpty else {
            throw CloudError(code: "Tunnelform.AttachmentNotFound",
                             message: "transit-router attachment \(attachmentId) not found in \(region)", isRetryable: false)
        }
        return try await defaultRouteTable(region: region, transitRouterId: router)
    }

    /// `ListTransitRouterRouteTables` with `TransitRouterRouteTableType=System`, cached per router.
    func defaultRouteTable(region: String, transitRouterId: String) async throws(CloudError) -> String {
        if let known = await directory.defaultTable(ofRouter: transitRouterId) { return known }
        let tables = try await pagesByToken(APICall(.cbn, "ListTransitRouterRouteTables", region: region, parameters: [
            "TransitRouterId": .string(transitRouterId), "TransitRouterRouteTableType": "System",
        ]), list: ("TransitRouterRouteTables", "TransitRouterRouteTable"))
        let table = tables.first { ($0["TransitRouterRouteTableType"]?.stringValue ?? "System") == "System" }
        guard let id = table?["TransitRouterRouteTableId"]?.nonEmptyString else {
            throw CloudError(code: "Tunnelform.DefaultRouteTableNotFound",
                             message: "transit router \(transitRouterId) reports no default (System) route table", isRetryable: false)
        }
        await directory.remember(defaultTable: id, ofRouter: transitRouterId)
        return id
    }
}
