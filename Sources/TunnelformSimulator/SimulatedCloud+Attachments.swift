import Foundation
import TunnelformCore

extension SimulatedCloud {
    /// `CreateTransitRouterVpnAttachment`: the attachment goes `Attaching` → `Attached` and the connection
    /// `attaching` → `attached`. The account's service-linked role is created with its first attachment.
    func createAttachment(region name: String, connectionId: String, cenId: String, autoPublishRoutes: Bool) throws(CloudError) -> String {
        try Self.validateCenId(cenId)
        var region = region(name)
        guard var stored = region.connections[connectionId] else { throw connectionMissing(connectionId, region: name) }
        if let existing = region.liveAttachment(forConnection: connectionId) {
            throw .terminal("IncorrectStatus.VpnConnection",
                            "The IPsec-VPN connection \(connectionId) is already attached to \(existing.attachment.transitRouterId) by \(existing.attachment.id).")
        }
        guard !stored.connection.state.isTransient else { throw .configuring(connectionId, stored.connection.state) }
        let transitRouterId = SimulatedTransitRouter.transitRouterId(cenId: cenId, region: name)
        let id = newId("tr-attach-")
        region.attachments[id] = SimulatedAttachment(
            attachment: CloudTransitRouterAttachment(
                id: id, vpnId: connectionId, cenId: cenId, transitRouterId: transitRouterId, status: .attaching,
                autoPublishRouteEnabled: autoPublishRoutes),
            readyAt: now.addingTimeInterval(delays.attachmentCreate))
        stored.connection.state = .attaching
        stored.connection.transitRouterId = transitRouterId
        stored.connection.cenId = cenId
        stored.pending = PendingChange(kind: .attach, readyAt: now.addingTimeInterval(delays.connectionAttach), target: .attached)
        region.connections[connectionId] = stored
        state.regions[name] = region
        if state.serviceLinkedRoleCreations == 0 { state.serviceLinkedRoleCreations = 1 }
        return id
    }

    /// `UpdateTransitRouterVpnAttachmentAttribute`: route auto-publishing, only on a settled attachment.
    func updateAttachment(region name: String, id: String, autoPublishRoutes: Bool) throws(CloudError) {
        var region = region(name)
        guard var stored = region.attachments[id] else { throw .attachmentNotFound(id) }
        guard stored.attachment.status == .attached else { throw .attachmentBusy(id, stored.attachment.status) }
        stored.attachment.autoPublishRouteEnabled = autoPublishRoutes
        region.attachments[id] = stored
        state.regions[name] = region
    }

    /// `DeleteTransitRouterVpnAttachment` without `Force`: the association and propagation must be gone first.
    func deleteAttachment(region name: String, id: String) throws(CloudError) {
        let region = region(name)
        guard region.attachments[id] != nil else { throw .attachmentNotFound(id) }
        for kind in [LinkKind.association, .propagation] {
            guard let link = kind.links(in: region)[id] else { continue }
            if link.link.status == .removing {
                throw .retryable("Operation.Blocking", "The route table \(kind.word) of \(id) is being removed.")
            }
            throw .terminal("DependencyViolation.RouteTable\(kind.noun)",
                            "The transit router attachment \(id) still has a route table \(kind.word); remove it first.")
        }
        try beginDetach(region: name, id: id)
    }

    /// Starts detaching an attachment whose route-table links are gone: `Detaching` → gone, connection
    /// `detaching` → `init` with its gateway IPs released.
    func beginDetach(region name: String, id: String) throws(CloudError) {
        var region = region(name)
        guard var stored = region.attachments[id] else { throw .attachmentNotFound(id) }
        guard stored.attachment.status == .attached else { throw .attachmentBusy(id, stored.attachment.status) }
        let connectionId = stored.attachment.vpnId
        if var connection = region.connections[connectionId] {
            guard !connection.connection.state.isTransient else { throw .configuring(connectionId, connection.connection.state) }
            connection.connection.state = .detaching
            connection.pending = PendingChange(kind: .detach, readyAt: now.addingTimeInterval(delays.connectionDetach), target: .`init`)
            region.connections[connectionId] = connection
        }
        stored.attachment.status = .detaching
        stored.readyAt = now.addingTimeInterval(delays.attachmentDelete)
        region.attachments[id] = stored
        state.regions[name] = region
    }

    static func validateCenId(_ cenId: String) throws(CloudError) {
        guard !cenId.isEmpty else { throw .missing("CenId") }
        guard SimulatedTransitRouter.isValidCenId(cenId) else {
            throw .notFound("InvalidCenId.NotFound", "CEN instance", cenId)
        }
    }

    /// Not found here; a clearer InvalidParameter when the connection lives in another region.
    func connectionMissing(_ id: String, region name: String) -> CloudError {
        if let other = regionHolding(connection: id) {
            return .invalid("VpnId", "\(id) is in \(other), not \(name)")
        }
        return .connectionNotFound(id)
    }
}
