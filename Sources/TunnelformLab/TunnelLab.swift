import Foundation
import TunnelformCore

/// One tunnel's run: its namespaces and two daemons, negotiation from the customer side,
/// traffic, a forced rekey, and the teardown, which happens whatever the outcome.
struct TunnelLab: Sendable {
    var tunnel: DeviceTunnel
    var cloudConfig: String
    var customerConfig: String
    var hosts: LabHosts
    var folder: String
    var cloudNamespace: String
    var customerNamespace: String
    var environment: LabEnvironment
    /// Seconds the daemons keep running after the checks (`tunnelform lab --hold`).
    var holdSeconds: Double = 0

    func run() async throws -> TunnelLabResult {
        let started = Date()
        let gatewayIp = tunnel.endpoint.gatewayIp
        let customerIp = tunnel.customerGateway.ipAddress
        let network = LabNetwork(
            cloudNamespace: cloudNamespace, customerNamespace: customerNamespace, gatewayIp: gatewayIp,
            customerGatewayIp: customerIp, cloudHosts: hosts.cloud.filter { $0 != gatewayIp && $0 != customerIp },
            customerHosts: hosts.customer.filter { $0 != gatewayIp && $0 != customerIp }, ip: environment.ip)
        await LabResources.shared.beginLaunch()
        do {
            defer { LabResources.shared.endLaunch() }
            for side in ["cloud", "customer"] {
                try FileManager.default.createDirectory(atPath: "\(folder)/\(side)", withIntermediateDirectories: true)
            }
        }
        let cloud = CharonDaemon(side: "cloud", namespace: cloudNamespace, folder: "\(folder)/cloud", environment: environment)
        let customer = CharonDaemon(side: "customer", namespace: customerNamespace, folder: "\(folder)/customer", environment: environment)
        var outcome: Outcome
        do {
            try await network.create()
            try await cloud.start()
            try await customer.start()
            outcome = try await TunnelNegotiation(lab: self, cloud: cloud, customer: customer).run()
            if holdSeconds > 0 { try await Task.sleep(nanoseconds: UInt64(holdSeconds * 1_000_000_000)) }
        } catch {
            await Self.tearDown(network, cloud, customer)
            throw error
        }
        await Self.tearDown(network, cloud, customer)
        return TunnelLabResult(
            index: tunnel.index, tunnelId: tunnel.endpoint.tunnelId, phase2Established: outcome.phase2Established,
            trafficPassed: outcome.trafficPassed, rekeyed: outcome.rekeyed, diagnosis: outcome.diagnosis,
            seconds: Date().timeIntervalSince(started))
    }

    /// What the negotiation found, before timing is added.
    struct Outcome {
        var phase2Established = false
        var trafficPassed = false
        var rekeyed = false
        var diagnosis: LabDiagnosis?
    }

    /// Daemons first (a namespace with a live process in it keeps its veth), then namespaces. Runs in
    /// an unstructured task so that a cancelled run still waits for its daemons to end.
    private static func tearDown(_ network: LabNetwork, _ cloud: CharonDaemon, _ customer: CharonDaemon) async {
        await Task {
            async let stopCloud: Void = cloud.stop()
            async let stopCustomer: Void = customer.stop()
            _ = await (stopCloud, stopCustomer)
            await network.destroy()
        }.value
    }
}
