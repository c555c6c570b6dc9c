import Foundation
import TunnelformCore
import TunnelformSimulator

/// CBN 2017-09-12: transit-router VPN attachments, route-table links and grants (`alibaba-api.md` §3.10–3.12).
///
/// Most calls name only the attachment; its region is found in the directory, else by asking the cloud.
extension Emulator {
    func createAttachment(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let tree = call.parameters
        let region = try WireDecoder.required(tree, "RegionId")
        let vpnId = try WireDecoder.required(tree, "VpnId")
        guard let owner = tree.string("VpnOwnerId") else { throw CloudError.missing("VpnOwnerId") }
        guard !owner.isEmpty, owner.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw CloudError.invalid("VpnOwnerId", "an account id is a number") }
        if let charge = tree.string("ChargeType"), charge != "POSTPAY" { throw CloudError.invalid("ChargeType", "only POSTPAY is supported") }
        if !tree.list("Zone").isEmpty { throw EmulatorErrors.unsupported("Zone.N.ZoneId", "dual-tunnel connections take no zones") }
        var cenId = tree.string("CenId")
        if cenId == nil, let router = tree.string("TransitRouterId") { cenId = await directory.router(router)?.cenId }
        guard let cenId else { throw CloudError.missing("CenId") }
        let request = CloudRequest.createTransitRouterAttachment(
            region: region, connectionId: vpnId, cenId: cenId, autoPublishRoutes: try WireDecoder.bool(tree, "AutoPublishRouteEnabled") ?? true)
        let response = try await execute(request, call)
        let id = response.createdId ?? ""
        await directory.remember(attachment: id, region: region, created: Date())
        await rememberRouter(cenId: cenId, region: region)
        return ["RequestId": .string(response.requestId ?? call.requestId), "TransitRouterAttachmentId": .string(id)]
    }

    func listAttachments(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let tree = call.parameters
        var found: [(region: String, attachment: CloudTransitRouterAttachment)] = []
        if let id = tree.string("TransitRouterAttachmentId") {
            if let region = await region(ofAttachment: id, hint: tree.string("RegionId")),
               let attachment = await cloud.attachment(region: region, id: id) {
                found = [(region: region, attachment: attachment)]
            }
        } else {
            var regions: [String] = []
            if let region = tree.string("RegionId") { regions = [region] } else { regions = await cloud.regions }
            for region in regions {
                found += await cloud.inventory(region: region).transitRouterAttachments.map { (region: region, attachment: $0) }
            }
        }
        if let cenId = tree.string("CenId") { found = found.filter { $0.attachment.cenId == cenId } }
        if let router = tree.string("TransitRouterId") { found = found.filter { $0.attachment.transitRouterId == router } }
        let page = try Pagination.byToken(tree, found, defaultSize: 20)
        var items: [JSONValue] = []
        for (region, attachment) in page.items {
            await directory.remember(attachment: attachment.id, region: region)
            let created = await directory.creationTime(ofAttachment: attachment.id)
            items.append(.object(WireView.attachment(attachment, region: region, ownerId: configuration.accountId, created: created)))
        }
        return page.members.merging(["TransitRouterAttachments": .array(items)]) { first, _ in first }
    }

    func updateAttachment(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let id = try WireDecoder.required(call.parameters, "TransitRouterAttachmentId")
        guard let region = await region(ofAttachment: id, hint: call.parameters.string("RegionId")) else { throw CloudError.attachmentNotFound(id) }
        var publish = try WireDecoder.bool(call.parameters, "AutoPublishRouteEnabled")
        if publish == nil { publish = await cloud.attachment(region: region, id: id)?.autoPublishRouteEnabled }
        let response = try await execute(.updateTransitRouterAttachment(region: region, attachmentId: id, autoPublishRoutes: publish ?? true), call)
        return ["RequestId": .string(response.requestId ?? call.requestId)]
    }

    /// Without `Force`: the association and propagation must be gone first. `Force=true` is not emulated.
    func deleteAttachment(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let id = try WireDecoder.required(call.parameters, "TransitRouterAttachmentId")
        if try WireDecoder.bool(call.parameters, "Force") == true {
            throw EmulatorErrors.unsupported("Force", "remove the association and propagation first")
        }
        guard let region = await region(ofAttachment: id, hint: call.parameters.string("RegionId")) else { throw CloudError.attachmentNotFound(id) }
        let response = try await execute(.deleteTransitRouterAttachment(region: region, attachmentId: id), call)
        return ["RequestId": .string(response.requestId ?? call.requestId)]
    }

    /// Associate/dissociate and enable/disable propagation; only the transit router's default (System) table exists.
    func changeLink(_ call: APIRequest, kind: WireView.LinkKind, add: Bool) async throws(CloudError) -> [String: JSONValue] {
        let id = try WireDecoder.required(call.parameters, "TransitRouterAttachmentId")
        let table = try WireDecoder.required(call.parameters, "TransitRouterRouteTableId")
        guard let region = await region(ofAttachment: id, hint: call.parameters.string("RegionId")) else { throw CloudError.attachmentNotFound(id) }
        if let attachment = await cloud.attachment(region: region, id: id),
           table != SimulatedTransitRouter.defaultRouteTableId(cenId: attachment.cenId, region: region) {
            throw EmulatorErrors.routeTableNotFound(table)
        }
        let request: CloudRequest = switch (kind, add) {
        case (.association, true): .associateDefaultRouteTable(region: region, attachmentId: id)
        case (.association, false): .dissociateDefaultRouteTable(region: region, attachmentId: id)
        case (.propagation, true): .enableDefaultRouteTablePropagation(region: region, attachmentId: id)
        case (.propagation, false): .disableDefaultRouteTablePropagation(region: region, attachmentId: id)
        }
        let response = try await execute(request, call)
        return ["RequestId": .string(response.requestId ?? call.requestId)]
    }

    func listLinks(_ call: APIRequest, kind: WireView.LinkKind) async throws(CloudError) -> [String: JSONValue] {
        let tree = call.parameters
        let table = tree.string("TransitRouterRouteTableId")
        let attachmentId = tree.string("TransitRouterAttachmentId")
        if kind == .propagation, table == nil { throw CloudError.missing("TransitRouterRouteTableId") }
        guard table != nil || attachmentId != nil else { throw CloudError.missing("TransitRouterRouteTableId") }
        var links: [(link: CloudRouteTableLink, vpnId: String)] = []
        if let type = tree.string("TransitRouterAttachmentResourceType"), type.uppercased() != "VPN" {
            links = []
        } else if let attachmentId {
            if let region = await region(ofAttachment: attachmentId, hint: nil),
               let attachment = await cloud.attachment(region: region, id: attachmentId) {
                let link: CloudRouteTableLink? = if kind == .association {
                    await cloud.association(region: region, attachmentId: attachmentId)
                } else {
                    await cloud.propagation(region: region, attachmentId: attachmentId)
                }
                if let link { links = [(link: link, vpnId: attachment.vpnId)] }
            }
        } else if let table {
            for region in await regions(ofRouteTable: table) {
                let inventory = await cloud.inventory(region: region)
                let vpnIds = Dictionary(inventory.transitRouterAttachments.map { ($0.id, $0.vpnId) }, uniquingKeysWith: { first, _ in first })
                let all = kind == .association ? inventory.routeTableAssociations : inventory.routeTablePropagations
                links += all.map { (link: $0, vpnId: vpnIds[$0.attachmentId] ?? "") }
            }
        }
        if let table { links = links.filter { $0.link.routeTableId == table } }
        if let status = tree.string("Status") { links = links.filter { kind.statusWord($0.link.status) == status } }
        let page = try Pagination.byToken(tree, links, defaultSize: 50)
        let key = kind == .association ? "TransitRouterAssociations" : "TransitRouterPropagations"
        return page.members.merging([key: .array(page.items.map { .object(WireView.link($0.link, kind: kind, vpnId: $0.vpnId)) })]) { first, _ in first }
    }

    /// Every transit router in the emulated cloud has exactly one route table: its default, `System`, always `Active`.
    func listRouteTables(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let tree = call.parameters
        let routerId = try WireDecoder.required(tree, "TransitRouterId")
        var tables: [String] = []
        if let router = await router(routerId) {
            tables = [SimulatedTransitRouter.defaultRouteTableId(cenId: router.cenId, region: router.region)]
        }
        if let type = tree.string("TransitRouterRouteTableType"), type != "System" { tables = [] }
        let wanted = tree.list("TransitRouterRouteTableIds").compactMap(\.value)
        if !wanted.isEmpty { tables = tables.filter(wanted.contains) }
        if let status = tree.string("TransitRouterRouteTableStatus"), status != "Active" { tables = [] }
        let page = try Pagination.byToken(tree, tables, defaultSize: 20)
        let items: [JSONValue] = page.items.map { id in
            .object([
                "TransitRouterRouteTableId": .string(id), "TransitRouterRouteTableType": .string("System"),
                "TransitRouterRouteTableStatus": .string("Active"), "TransitRouterRouteTableName": .string(""),
                "TransitRouterRouteTableDescription": .string(""),
            ])
        }
        return page.members.merging(["TransitRouterRouteTables": .array(items)]) { first, _ in first }
    }

    func grant(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let tree = call.parameters
        try WireDecoder.checkInstanceType(tree)
        let request = CloudRequest.grant(
            region: tree.string("RegionId") ?? "", connectionId: try WireDecoder.required(tree, "InstanceId"),
            cenId: tree.string("CenId") ?? "", cenOwnerUid: tree.string("CenOwnerId") ?? "", payer: try WireDecoder.payer(tree))
        let response = try await execute(request, call)
        return ["RequestId": .string(response.requestId ?? call.requestId)]
    }

    func revoke(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let tree = call.parameters
        try WireDecoder.checkInstanceType(tree)
        let request = CloudRequest.revoke(
            region: tree.string("RegionId") ?? "", connectionId: try WireDecoder.required(tree, "InstanceId"),
            cenId: tree.string("CenId") ?? "", cenOwnerUid: tree.string("CenOwnerId") ?? "")
        let response = try await execute(request, call)
        return ["RequestId": .string(response.requestId ?? call.requestId)]
    }

    // MARK: Finding regions

    func region(ofAttachment id: String, hint: String?) async -> String? {
        if let known = await directory.region(ofAttachment: id) { return known }
        if let found = await cloud.region(holding: id) {
            await directory.remember(attachment: id, region: found)
            return found
        }
        return hint
    }

    func rememberRouter(cenId: String, region: String) async {
        await directory.remember(router: SimulatedTransitRouter.transitRouterId(cenId: cenId, region: region),
                                 routeTable: SimulatedTransitRouter.defaultRouteTableId(cenId: cenId, region: region),
                                 cenId: cenId, region: region)
    }

    /// The CEN instance and region behind a transit router id, from the directory or the attachments in the cloud.
    func router(_ id: String) async -> EmulatorDirectory.Router? {
        if let known = await directory.router(id) { return known }
        await learnRouters()
        return await directory.router(id)
    }

    func regions(ofRouteTable id: String) async -> [String] {
        if let known = await directory.routeTable(id) { return [known.region] }
        await learnRouters()
        return await directory.routeTable(id).map { [$0.region] } ?? []
    }

    /// Records the transit router of every attachment in the cloud (after a restart from a state file).
    private func learnRouters() async {
        for region in await cloud.regions {
            for attachment in await cloud.inventory(region: region).transitRouterAttachments {
                await rememberRouter(cenId: attachment.cenId, region: region)
            }
        }
    }
}
