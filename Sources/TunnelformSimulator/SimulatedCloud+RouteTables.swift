import Foundation
import TunnelformCore

/// Which of an attachment's two links with its transit router's default route table.
enum LinkKind: Sendable {
    case association, propagation

    var noun: String { self == .association ? "Association" : "Propagation" }
    var word: String { self == .association ? "association" : "propagation" }

    func links(in region: RegionSnapshot) -> [String: SimulatedLink] {
        self == .association ? region.associations : region.propagations
    }

    func set(_ link: SimulatedLink?, for attachmentId: String, in region: inout RegionSnapshot) {
        switch self {
        case .association: region.associations[attachmentId] = link
        case .propagation: region.propagations[attachmentId] = link
        }
    }
}

extension SimulatedCloud {
    /// Associate with, or propagate to, the default route table: `Pending` → `Active`.
    func addLink(_ kind: LinkKind, region name: String, attachmentId: String) throws(CloudError) {
        var region = region(name)
        guard let attachment = region.attachments[attachmentId]?.attachment else { throw .attachmentNotFound(attachmentId) }
        guard attachment.status == .attached else { throw .attachmentBusy(attachmentId, attachment.status) }
        if let existing = kind.links(in: region)[attachmentId] {
            if existing.link.status == .removing {
                throw .retryable("Operation.Blocking", "The route table \(kind.word) of \(attachmentId) is being removed.")
            }
            throw .terminal("InvalidOperation.\(kind.noun)Exists",
                            "The transit router attachment \(attachmentId) already has a route table \(kind.word).")
        }
        let routeTableId = SimulatedTransitRouter.defaultRouteTableId(cenId: attachment.cenId, region: name)
        let link = CloudRouteTableLink(attachmentId: attachmentId, routeTableId: routeTableId, status: .pending)
        kind.set(SimulatedLink(link: link, readyAt: now.addingTimeInterval(delay(kind))), for: attachmentId, in: &region)
        state.regions[name] = region
    }

    /// Dissociate or disable propagation: `Removing` → gone.
    func removeLink(_ kind: LinkKind, region name: String, attachmentId: String) throws(CloudError) {
        var region = region(name)
        guard region.attachments[attachmentId] != nil else { throw .attachmentNotFound(attachmentId) }
        guard var link = kind.links(in: region)[attachmentId] else {
            throw .terminal("InvalidOperation.\(kind.noun)NotExist",
                            "The transit router attachment \(attachmentId) has no route table \(kind.word).")
        }
        guard link.link.status == .active else {
            throw .retryable("Operation.Blocking", "The route table \(kind.word) of \(attachmentId) is \(link.link.status.rawValue).")
        }
        link.link.status = .removing
        link.readyAt = now.addingTimeInterval(delay(kind))
        kind.set(link, for: attachmentId, in: &region)
        state.regions[name] = region
    }

    private func delay(_ kind: LinkKind) -> Double {
        kind == .association ? delays.association : delays.propagation
    }
}
