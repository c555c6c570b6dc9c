import Foundation
import TunnelformCore

/// An in-process model of Alibaba Cloud's VPN and CEN objects in the caller's account: ids with the real
/// prefixes, asynchronous states, generated keys, preconditions with the real error codes, and client tokens.
///
/// Every call first applies the state changes whose time has come (see `SimulatedCloud+Transitions.swift`),
/// so the model needs no timers. Error codes are listed on `CloudError+Simulated.swift`.
public actor SimulatedCloud {
    var state: CloudSnapshot
    let clock: TunnelformClock
    var random: any SimulatedRandom
    /// How long asynchronous changes take from now on.
    public private(set) var delays: Delays
    var counts: [String: Int] = [:]
    /// Bumped on every change, transitions included; `savedRevision` is the one last written to disk.
    var revision = 0
    var savedRevision = 0
    /// The save being written, which calls that changed the cloud before it was encoded wait for.
    var pendingSave: Task<Void, any Error>?

    public init(
        clock: TunnelformClock = .system, random: any SimulatedRandom = SimulatedSystemRandom(),
        delays: Delays = .instant
    ) {
        self.init(snapshot: CloudSnapshot(), clock: clock, random: random, delays: delays)
    }

    init(snapshot: CloudSnapshot, clock: TunnelformClock, random: any SimulatedRandom, delays: Delays) {
        state = snapshot
        self.clock = clock
        self.random = random
        self.delays = delays
    }

    public func setDelays(_ delays: Delays) {
        self.delays = delays
    }

    /// The regions that hold any object, sorted.
    public var regions: [String] {
        state.regions.filter { !$0.value.isEmpty }.keys.sorted()
    }

    /// How many calls were made per action (`CreateVpnAttachment`, …, `Inventory`, `Status`), failed ones included.
    public var callCounts: [String: Int] { counts }

    public func callCount(_ action: String) -> Int { counts[action, default: 0] }

    /// Whether `AliyunServiceRoleForVpn` exists: created with the account's first transit-router-bound attachment.
    public var serviceLinkedRoleCreated: Bool { state.serviceLinkedRoleCreations > 0 }

    /// How many times the service-linked role was created; never more than 1.
    public var serviceLinkedRoleCreationCount: Int { state.serviceLinkedRoleCreations }

    /// Carries out one mutating call as the API would. With a client token, a repeated call with the same
    /// request returns the first result; a different request with the same token fails with
    /// `IdempotentParameterMismatch`. Failed calls are not remembered, so they can be retried with the same token.
    public func execute(_ request: CloudRequest, clientToken: String? = nil) throws(CloudError) -> CloudResponse {
        counts[request.action, default: 0] += 1
        applyDueTransitions()
        let requestId = newRequestId()
        let fingerprint = request.fingerprint
        var key: String?
        if let clientToken, !clientToken.isEmpty {
            guard clientToken.count <= 64, clientToken.allSatisfy(\.isASCII) else {
                throw CloudError.invalid("ClientToken", "at most 64 ASCII characters").stamped(requestId)
            }
            key = "\(request.region)|\(request.action)|\(clientToken)"
        }
        if let key, let record = state.idempotency[key] {
            guard record.fingerprint == fingerprint else {
                throw CloudError.terminal(
                    "IdempotentParameterMismatch",
                    "The request uses the same client token as a previous, but non-identical request."
                ).stamped(requestId)
            }
            return CloudResponse(createdId: record.createdId, requestId: record.requestId)
        }
        let createdId: String?
        do throws(CloudError) {
            createdId = try perform(request)
        } catch {
            throw error.stamped(requestId)
        }
        if let key {
            state.idempotency[key] = IdempotencyRecord(fingerprint: fingerprint, createdId: createdId, requestId: requestId)
        }
        revision += 1
        return CloudResponse(createdId: createdId, requestId: requestId)
    }

    /// `execute`, then the cloud saved to `path` (when given) before returning, whether the call succeeded or not.
    public func execute(_ request: CloudRequest, clientToken: String?, persistingTo path: String?) async throws(CloudError) -> CloudResponse {
        let outcome = Result { () throws(CloudError) -> CloudResponse in try execute(request, clientToken: clientToken) }
        try await persist(to: path)
        return try outcome.get()
    }

    /// Runs a request without counting it or looking at tokens; returns the created id.
    func perform(_ request: CloudRequest) throws(CloudError) -> String? {
        guard !request.region.isEmpty else { throw .missing("RegionId") }
        switch request {
        case .createCustomerGateway(let region, let spec):
            return try createCustomerGateway(region: region, spec)
        case .modifyCustomerGateway(let region, let id, let spec):
            try modifyCustomerGateway(region: region, id: id, spec)
        case .deleteCustomerGateway(let region, let id):
            try deleteCustomerGateway(region: region, id: id)
        case .createConnection(let region, let spec):
            return try createConnection(region: region, spec)
        case .modifyConnection(let region, let id, let spec):
            try modifyConnection(region: region, id: id, spec)
        case .deleteConnection(let region, let id):
            try deleteConnection(region: region, id: id)
        case .createTransitRouterAttachment(let region, let connectionId, let cenId, let autoPublishRoutes):
            return try createAttachment(region: region, connectionId: connectionId, cenId: cenId, autoPublishRoutes: autoPublishRoutes)
        case .updateTransitRouterAttachment(let region, let attachmentId, let autoPublishRoutes):
            try updateAttachment(region: region, id: attachmentId, autoPublishRoutes: autoPublishRoutes)
        case .deleteTransitRouterAttachment(let region, let attachmentId):
            try deleteAttachment(region: region, id: attachmentId)
        case .associateDefaultRouteTable(let region, let attachmentId):
            try addLink(.association, region: region, attachmentId: attachmentId)
        case .dissociateDefaultRouteTable(let region, let attachmentId):
            try removeLink(.association, region: region, attachmentId: attachmentId)
        case .enableDefaultRouteTablePropagation(let region, let attachmentId):
            try addLink(.propagation, region: region, attachmentId: attachmentId)
        case .disableDefaultRouteTablePropagation(let region, let attachmentId):
            try removeLink(.propagation, region: region, attachmentId: attachmentId)
        case .grant(let region, let connectionId, let cenId, let cenOwnerUid, let payer):
            try grant(region: region, connectionId: connectionId, cenId: cenId, cenOwnerUid: cenOwnerUid, payer: payer)
        case .revoke(let region, let connectionId, let cenId, let cenOwnerUid):
            try revoke(region: region, connectionId: connectionId, cenId: cenId, cenOwnerUid: cenOwnerUid)
        }
        return nil
    }

    // MARK: Shared helpers

    func region(_ name: String) -> RegionSnapshot { state.regions[name] ?? RegionSnapshot() }

    var now: Date { clock.now() }

    var nowMillis: Int64 { Int64((now.timeIntervalSince1970 * 1000).rounded()) }

    /// A fresh id: `prefix` and 20 lowercase letters and digits, unique in the account.
    func newId(_ prefix: String) -> String {
        while true {
            let id = prefix + random.string(length: 20, from: Self.idAlphabet)
            if !idExists(id) { return id }
        }
    }

    /// A generated pre-shared key: 16 letters and digits.
    func newKey() -> String { random.string(length: 16, from: Self.keyAlphabet) }

    func newRequestId() -> String {
        let hex = random.string(length: 32, from: Self.hexAlphabet)
        let parts = [8, 4, 4, 4, 12].reduce(into: (parts: [String](), rest: Substring(hex))) { acc, length in
            acc.parts.append(String(acc.rest.prefix(length)))
            acc.rest = acc.rest.dropFirst(length)
        }
        return parts.parts.joined(separator: "-")
    }

    private func idExists(_ id: String) -> Bool {
        state.regions.values.contains { region in
            region.customerGateways[id] != nil || region.attachments[id] != nil
                || region.connections[id] != nil
                || region.connections.values.contains { $0.connection.tunnels.contains { $0.id == id } }
        }
    }

    static let idAlphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    static let keyAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    static let hexAlphabet = Array("0123456789ABCDEF")
}
