import Foundation
import TunnelformCore
import TunnelformSimulator

/// The simulated cloud behind Alibaba Cloud's OpenAPI wire protocol: turns one HTTP request into one
/// call of `SimulatedCloud` and its result into the JSON the real service sends.
///
/// Transport-free, so tests can drive it with requests signed by the provider's own signer; `EmulatorServer`
/// puts it on a loopback port. Every request goes through, in order: the debug endpoints (`/_emulator/…`,
/// unsigned), signature verification, routing by version and action, the configured latency, fault
/// injection, the operation itself, saving the cloud, and (for a dropped call) closing the connection.
public final class Emulator: Sendable {
    public let configuration: EmulatorConfiguration
    public let cloud: SimulatedCloud
    /// The cloud's clock when `configuration.manualClock` is set.
    let manualClock: ManualClock?
    let verifier: SignatureVerifier
    let faults: FaultInjector
    let statistics = EmulatorStatistics()
    let requestLog = EmulatorRequestLog()
    let directory = EmulatorDirectory()

    /// The API versions served: VPC (gateways, connections) and CBN (transit routers).
    static let vpcVersion = "2016-04-28"
    static let cbnVersion = "2017-09-12"

    /// The actions served, per API version.
    static let actions: [String: Set<String>] = [
        Emulator.vpcVersion: [
            "CreateCustomerGateway", "DescribeCustomerGateways", "DescribeCustomerGateway", "ModifyCustomerGatewayAttribute",
            "DeleteCustomerGateway", "CreateVpnAttachment", "DescribeVpnConnection", "DescribeVpnConnections",
            "ModifyVpnAttachmentAttribute", "DeleteVpnAttachment", "DescribeVpnCrossAccountAuthorizations", "DownloadVpnConnectionConfig",
            "TagResources", "UnTagResources", "MoveVpnResourceGroup",
        ],
        Emulator.cbnVersion: [
            "CreateTransitRouterVpnAttachment", "ListTransitRouterVpnAttachments", "UpdateTransitRouterVpnAttachmentAttribute",
            "DeleteTransitRouterVpnAttachment", "AssociateTransitRouterAttachmentWithRouteTable",
            "DissociateTransitRouterAttachmentFromRouteTable", "EnableTransitRouterRouteTablePropagation",
            "DisableTransitRouterRouteTablePropagation", "ListTransitRouterRouteTableAssociations",
            "ListTransitRouterRouteTablePropagations", "ListTransitRouterRouteTables", "GrantInstanceToTransitRouter",
            "RevokeInstanceFromTransitRouter",
        ],
    ]

    /// An emulator over a fresh cloud, or the one saved at `configuration.statePath`.
    public init(configuration: EmulatorConfiguration) throws(SimulatedCloudFileError) {
        self.configuration = configuration
        // Seeded, a run's ids repeat too; the fault injector has its own generator from the same seed.
        let random: any SimulatedRandom = configuration.faults.seed.map { SimulatedSeededRandom(seed: $0) as any SimulatedRandom }
            ?? SimulatedSystemRandom()
        manualClock = configuration.manualClock ? ManualClock(start: Date()) : nil
        let clock = manualClock.map { TunnelformClock($0) } ?? .system
        if let path = configuration.statePath {
            cloud = try SimulatedCloud(contentsOf: path, clock: clock, random: random, delays: configuration.delays)
        } else {
            cloud = SimulatedCloud(clock: clock, random: random, delays: configuration.delays)
        }
        verifier = SignatureVerifier(accessKeys: configuration.accessKeys, v3Window: configuration.v3TimestampWindow,
                                     rpcWindow: configuration.rpcTimestampWindow)
        faults = FaultInjector(settings: configuration.faults)
    }

    /// Answers one request.
    public func handle(_ request: WireRequest) async -> WireResponse {
        if request.path.hasPrefix("/_emulator/") { return await debugResponse(request) }
        let requestId = Self.newRequestId()
        let version = request.header("x-acs-version") ?? request.parameters["Version"] ?? ""
        let product = version == Self.cbnVersion ? "Cbn" : "Vpc"
        let verified: SignatureVerifier.Verified
        let action: String
        do throws(CloudError) {
            verified = try await verifier.verify(request, now: Date())
            guard let actions = Self.actions[verified.version ?? version] else { throw EmulatorErrors.unknownVersion }
            guard let name = verified.action, actions.contains(name) else { throw EmulatorErrors.unknownAction(verified.action ?? "") }
            action = name
        } catch {
            await statistics.recordRejection(error.code)
            return .failure(error, requestId: requestId, host: request.host, product: product)
        }
        await statistics.recordCall(action)
        if configuration.recordsRequests { await requestLog.record(request, verified: verified, action: action) }
        if configuration.latency > 0 { try? await Task.sleep(for: .milliseconds(Int64(configuration.latency * 1000))) }
        let fault = await faults.draw()
        if let fault { await statistics.recordFault(fault) }
        switch fault {
        case .throttle:
            return .failure(EmulatorErrors.throttled(), requestId: requestId, host: request.host, product: product,
                            extraHeaders: ["x-acs-retry-after": String(configuration.faults.retryAfterMilliseconds)])
        case .unavailable:
            return .failure(EmulatorErrors.unavailable(), requestId: requestId, host: request.host, product: product)
        case .drop, nil:
            break
        }
        let call = APIRequest(action: action, parameters: ParameterTree(flattened: request.parameters), requestId: requestId)
        var response: WireResponse
        do throws(CloudError) {
            let members = try await perform(call)
            response = .success(members, requestId: members["RequestId"]?.stringValue ?? requestId)
        } catch {
            response = .failure(error, requestId: requestId, host: request.host, product: product)
        }
        await persist()
        response.dropsConnection = fault == .drop
        return response
    }

    /// The counters of `/_emulator/stats`.
    public func statisticsSnapshot() async -> JSONValue { await statistics.snapshot() }

    func perform(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        switch call.action {
        case "CreateCustomerGateway": try await createCustomerGateway(call)
        case "DescribeCustomerGateways": try await describeCustomerGateways(call)
        case "DescribeCustomerGateway": try await describeCustomerGateway(call)
        case "ModifyCustomerGatewayAttribute": try await modifyCustomerGateway(call)
        case "DeleteCustomerGateway": try await deleteCustomerGateway(call)
        case "CreateVpnAttachment": try await createConnection(call)
        case "DescribeVpnConnection": try await describeConnection(call)
        case "DescribeVpnConnections": try await describeConnections(call)
        case "ModifyVpnAttachmentAttribute": try await modifyConnection(call)
        case "DeleteVpnAttachment": try await deleteConnection(call)
        case "DescribeVpnCrossAccountAuthorizations": try await describeGrants(call)
        case "DownloadVpnConnectionConfig": try await downloadConfig(call)
        case "CreateTransitRouterVpnAttachment": try await createAttachment(call)
        case "ListTransitRouterVpnAttachments": try await listAttachments(call)
        case "UpdateTransitRouterVpnAttachmentAttribute": try await updateAttachment(call)
        case "DeleteTransitRouterVpnAttachment": try await deleteAttachment(call)
        case "AssociateTransitRouterAttachmentWithRouteTable": try await changeLink(call, kind: .association, add: true)
        case "DissociateTransitRouterAttachmentFromRouteTable": try await changeLink(call, kind: .association, add: false)
        case "EnableTransitRouterRouteTablePropagation": try await changeLink(call, kind: .propagation, add: true)
        case "DisableTransitRouterRouteTablePropagation": try await changeLink(call, kind: .propagation, add: false)
        case "ListTransitRouterRouteTableAssociations": try await listLinks(call, kind: .association)
        case "ListTransitRouterRouteTablePropagations": try await listLinks(call, kind: .propagation)
        case "ListTransitRouterRouteTables": try await listRouteTables(call)
        case "TagResources": try await tagResources(call)
        case "UnTagResources": try await untagResources(call)
        case "MoveVpnResourceGroup": try await moveResourceGroup(call)
        case "GrantInstanceToTransitRouter": try await grant(call)
        case "RevokeInstanceFromTransitRouter": try await revoke(call)
        default: throw EmulatorErrors.unknownAction(call.action)
        }
    }

    /// One mutating call through the simulated cloud, `ClientToken` as its client token.
    func execute(_ request: CloudRequest, _ call: APIRequest) async throws(CloudError) -> CloudResponse {
        try await cloud.execute(request, clientToken: call.parameters.string("ClientToken"))
    }

    /// Saves the cloud when it changed and a state file is configured; a failure is reported, not fatal.
    func persist() async {
        guard let path = configuration.statePath else { return }
        do {
            try await cloud.saveIfChanged(to: path)
        } catch {
            FileHandle.standardError.write(Data("tunnelform-emulator: \(error)\n".utf8))
        }
    }

    /// A request id in the service's shape: 8-4-4-4-12 uppercase hex.
    static func newRequestId() -> String { UUID().uuidString.uppercased() }
}

/// One API call after verification: its action and its un-flattened parameters.
struct APIRequest: Sendable {
    var action: String
    var parameters: ParameterTree
    var requestId: String
}
