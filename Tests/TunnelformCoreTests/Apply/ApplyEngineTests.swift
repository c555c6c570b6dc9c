import Foundation
import Testing
import TunnelformCore

/// A provider that records calls, fails chosen actions, and never sleeps.
actor ScriptedProvider: CloudProvider {
    var calls: [(action: String, token: String)] = []
    /// Every object whose status was asked for, in order.
    var statusQueries: [CloudObjectRef] = []
    /// Remaining failures per action: retryable throttling or a terminal error.
    var failures: [String: [CloudError]] = [:]
    private var next = 0

    init(failures: [String: [CloudError]] = [:]) { self.failures = failures }

    func observe(region: String) async throws(CloudError) -> CloudInventory { CloudInventory(region: region) }

    func execute(_ request: CloudRequest, idempotencyToken: String) async throws(CloudError) -> CloudResponse {
        calls.append((request.action, idempotencyToken))
        if var queue = failures[request.action], !queue.isEmpty {
            let error = queue.removeFirst()
            failures[request.action] = queue
            throw error
        }
        next += 1
        let prefix = switch request {
        case .createCustomerGateway: "cgw-"
        case .createConnection: "vco-"
        case .createTransitRouterAttachment: "tr-attach-"
        default: ""
        }
        return CloudResponse(createdId: prefix.isEmpty ? nil : "\(prefix)\(next)")
    }

    func status(of object: CloudObjectRef) async throws(CloudError) -> SettleStatus {
        statusQueries.append(object)
        return .settled("done")
    }
}

@Suite("Apply engine")
struct ApplyEngineTests {
    typealias F = PlannerFixture
    static let gateways = [F.gateway("gw-a"), F.gateway("gw-b"), F.gateway("gw-c"), F.gateway("gw-d")]
    static let connections = [F.connection("dc1"), F.connection("dc2", gateways: ("gw-c", "gw-d"))]

    func engine(_ provider: ScriptedProvider, clock: ManualClock) -> ApplyEngine {
        ApplyEngine(provider: provider, secrets: ResolvedSecrets(), parallelism: 3, clock: TunnelformClock(clock), random: { 0.5 },
                    digest: { try SecretDigest(of: $0, iterations: 1000) })
    }

    @Test func appliesEverythingAndRecordsIds() async throws {
        let plan = F.plan(gateways: Self.gateways, connections: Self.connections)
        let keeper = StateKeeper(state: State(), lease: nil)
        let report = await engine(ScriptedProvider(), clock: ManualClock()).apply(plan, keeper: keeper)
        #expect(report.succeeded)
        #expect(report.completed.count == plan.operations.count)
        let state = await keeper.state
        #expect(state.addresses.count == 6)
        #expect(state[ResourceAddress(.vpnConnection, "dc1")]?.connection?.attachment != nil)
        #expect(state[ResourceAddress(.vpnConnection, "dc1")]?.connection?.propagating == true)
        #expect(state.pendingOperations.isEmpty)
        // Planning again from the recorded state finds nothing to do.
        #expect(F.plan(gateways: Self.gateways, connections: Self.connections, state: state).isEmpty)
    }

    /// An association or propagation on an attachment made in the same run is waited for too: its
    /// attachment id comes from the request, not from the plan (which could not know it).
    @Test func waitsForEveryAsynchronousChangeIncludingLinksOnNewAttachments() async throws {
        let plan = F.plan(gateways: Self.gateways, connections: Self.connections)
        let keeper = StateKeeper(state: State(), lease: nil)
        let provider = ScriptedProvider()
        let report = await engine(provider, clock: ManualClock()).apply(plan, keeper: keeper)
        #expect(report.succeeded)
        let state = await keeper.state
        let queried = await provider.statusQueries.map(\.description)
        for name in ["dc1", "dc2"] {
            let resource = try #require(state[ResourceAddress(.vpnConnection, name)])
            let connection = try #require(resource.connection)
            let attachment = try #require(connection.attachment?.id)
            let region = resource.region
            for object in [CloudObjectRef.transitRouterAttachment(region: region, id: attachment),
                           .routeTableAssociation(region: region, attachmentId: attachment),
                           .routeTablePropagation(region: region, attachmentId: attachment)] {
                #expect(queried.contains(object.description), "\(object) was not waited for: \(queried)")
            }
        }
    }

    @Test func retriesKeepTheSameToken() async throws {
        let throttled = CloudError(code: "Throttling.User", message: "slow down", httpStatus: 400, retryAfter: 2)
        let provider = ScriptedProvider(failures: ["CreateVpnAttachment": [throttled, throttled]])
        let clock = ManualClock()
        let plan = F.plan(gateways: Self.gateways, connections: [Self.connections[0]])
        let report = await engine(provider, clock: clock).apply(plan, keeper: StateKeeper(state: State(), lease: nil))
        #expect(report.succeeded)
        #expect(report.retries == 2)
        let tokens = await provider.calls.filter { $0.action == "CreateVpnAttachment" }.map(\.token)
        #expect(tokens.count == 3 && Set(tokens).count == 1)
        #expect(clock.sleeps.filter { $0 >= .seconds(2) }.count >= 2, "x-acs-retry-after must be honoured")
    }

    @Test func failureSkipsDependentsButNotIndependentOperations() async throws {
        let refused = CloudError(code: "InvalidParameter", message: "no", httpStatus: 400)
        let provider = ScriptedProvider(failures: ["CreateTransitRouterVpnAttachment": [refused]])
        let plan = F.plan(gateways: Self.gateways, connections: Self.connections)
        let keeper = StateKeeper(state: State(), lease: nil)
        let report = await engine(provider, clock: ManualClock()).apply(plan, keeper: keeper)
        #expect(!report.succeeded)
        #expect(report.failed.count == 1)
        // The failed attachment's association and propagation are skipped; the other connection completes.
        #expect(report.skipped.count == 2)
        let state = await keeper.state
        #expect(state[ResourceAddress(.vpnConnection, "dc1")]?.connection != nil)
        #expect(state[ResourceAddress(.vpnConnection, "dc2")]?.connection != nil)
        let completedAttachments = [state[ResourceAddress(.vpnConnection, "dc1")], state[ResourceAddress(.vpnConnection, "dc2")]]
            .compactMap { $0?.connection?.attachment }
        #expect(completedAttachments.count == 1)
        #expect(state.pendingOperations.isEmpty, "a terminal error voids the intent")

        // The next run plans only what is missing and converges.
        let rest = F.plan(gateways: Self.gateways, connections: Self.connections, state: state)
        #expect(rest.operations.count == 3)
        #expect(Set(rest.operations.map(\.object)) == [.transitRouterAttachment, .routeTableAssociation, .routeTablePropagation])
        let second = await engine(ScriptedProvider(), clock: ManualClock()).apply(rest, keeper: keeper)
        #expect(second.succeeded)
        #expect(F.plan(gateways: Self.gateways, connections: Self.connections, state: await keeper.state).isEmpty)
    }

    @Test func resumedRunReusesTheJournalledToken() async throws {
        let plan = F.plan(gateways: [Self.gateways[0], Self.gateways[1]], connections: [])
        var state = State()
        let operation = try #require(plan.operations.first)
        state.pendingOperations = [PendingOperation(operationId: operation.id, address: operation.address, token: "tf-earlier", startedAt: Date())]
        let provider = ScriptedProvider()
        _ = await engine(provider, clock: ManualClock()).apply(plan, keeper: StateKeeper(state: state, lease: nil))
        #expect(await provider.calls.contains { $0.token == "tf-earlier" })
    }
}
