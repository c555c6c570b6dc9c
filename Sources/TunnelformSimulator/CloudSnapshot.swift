import Foundation
import TunnelformCore

/// Everything the simulated cloud knows, as saved to its JSON file.
///
/// Asynchronous changes are stored as "ready at" times and applied lazily, so a snapshot taken
/// mid-change resumes correctly in a later process.
struct CloudSnapshot: Codable, Sendable {
    static let currentFormat = 1

    var formatVersion = CloudSnapshot.currentFormat
    var regions: [String: RegionSnapshot] = [:]
    /// How many times `AliyunServiceRoleForVpn` was created; the cloud keeps it at most 1.
    var serviceLinkedRoleCreations = 0
    /// Keyed by `region|action|token`.
    var idempotency: [String: IdempotencyRecord] = [:]
}

/// One region of the caller's account.
struct RegionSnapshot: Codable, Sendable {
    var customerGateways: [String: CloudCustomerGateway] = [:]
    var connections: [String: SimulatedConnection] = [:]
    var attachments: [String: SimulatedAttachment] = [:]
    /// Keyed by attachment id: an attachment has at most one association (with the default route table).
    var associations: [String: SimulatedLink] = [:]
    /// Keyed by attachment id.
    var propagations: [String: SimulatedLink] = [:]
    var grants: [CloudGrant] = []

    var isEmpty: Bool {
        customerGateways.isEmpty && connections.isEmpty && attachments.isEmpty && associations.isEmpty
            && propagations.isEmpty && grants.isEmpty
    }

    /// The attachment bound to a connection, unless it is already on its way out.
    func liveAttachment(forConnection id: String) -> SimulatedAttachment? {
        attachments.values.first { $0.attachment.vpnId == id && $0.attachment.status != .detaching }
    }
}

/// A connection as stored: tunnels keep `localId`/`remoteId` as requested (nil means "the default"),
/// and negotiation statuses are derived when the connection is described.
struct SimulatedConnection: Codable, Sendable {
    var connection: CloudConnection
    var pending: PendingChange?
}

/// A connection state change in progress.
struct PendingChange: Codable, Sendable {
    enum Kind: String, Codable, Sendable { case attach, modify, detach }

    var kind: Kind
    var readyAt: Date
    /// The stable state the connection reaches at `readyAt`.
    var target: ConnectionState
}

/// A transit-router attachment; `readyAt` is set while it is `Attaching` or `Detaching`.
struct SimulatedAttachment: Codable, Sendable {
    var attachment: CloudTransitRouterAttachment
    var readyAt: Date?
}

/// A route-table association or propagation; `readyAt` is set while it is `Pending` or `Removing`.
struct SimulatedLink: Codable, Sendable {
    var link: CloudRouteTableLink
    var readyAt: Date?
}

/// What a call with a client token returned, so a retry gets the same answer.
struct IdempotencyRecord: Codable, Sendable {
    /// Hex SHA-256 of the request's canonical encoding.
    var fingerprint: String
    var createdId: String?
    var requestId: String?
}
