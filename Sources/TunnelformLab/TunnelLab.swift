import Foundation
import TunnelformCore

/// One tunnel's run: its namespaces and two daemons, the negotiation (started by the cloud side
/// when the connection is effective immediately, as the cloud does, else by the customer side),
/// traffic, a forced rekey, BGP when enabled, and the teardown, which happens whatever the outcome.
struct TunnelLab: Sendable {
    /// The tunnel as the cloud has it.
    var tunnel: DeviceTunnel
    /// The connection as the cloud has it (the cloud side's view).
    var input: DeviceConfigInput
    /// The connection as the manifests declare it: what the generated customer side follows.
    var customerInput: DeviceConfigInput
    var cloudConfig: String
    var customerConfig: String
    var folder: RunFolder
    var cloudNamespace: String
    var customerNamespace: String
    var environment: LabEnvironment
    /// Seconds the daemons keep running after the checks (`tunnelform lab --hold`).
    var holdSeconds: Double = 0
    /// Put a NAT between the sides (`--behind-nat`).
    var behindNAT = false
    /// The customer side's FRR configuration (`--peer-frr`), nil for the generated one.
    var peerFRR: String?
    /// Progress lines for the user.
    var progress: (@Sendable (String) -> Void)?

    var connection: VpnConnection { input.connection }

    func run() async throws -> TunnelLabResult {
        let started = Date()
        let plan: TunnelPlan
        switch TunnelPlan.make(self) {
        case .success(let made): plan = made
        case .failure(let diagnosis):
            return result(Outcome(diagnosis: diagnosis.diagnosis), started: started)
        }
        await LabResources.shared.beginLaunch()
        let sides: (cloud: RunFolder, customer: RunFolder)
        do {
            defer { LabResources.shared.endLaunch() }
            sides = (try folder.makeDirectory("cloud"), try folder.makeDirectory("customer"))
        }
        let routes = plan.bgp == nil
        let cloud = CharonDaemon(side: "cloud", namespace: cloudNamespace, folder: sides.cloud, environment: environment,
                                 installRoutes: routes)
        let customer = CharonDaemon(side: "customer", namespace: customerNamespace, folder: sides.customer,
                                    environment: environment, installRoutes: routes)
        var routers: [FRRDaemons] = []
        var outcome: Outcome
        do {
            try await plan.network.create()
            try await cloud.start()
            try await customer.start()
            let negotiation = TunnelNegotiation(lab: self, plan: plan, cloud: cloud, customer: customer)
            let installed: [SwanctlSAList.ChildSA]
            (outcome, installed) = try await negotiation.establish()
            if outcome.phase2Established, plan.bgp != nil {
                let check = BGPCheck(lab: self, plan: plan, cloudFolder: sides.cloud, customerFolder: sides.customer)
                let bgp = try await check.run(started: &routers)
                outcome.bgp = bgp
                outcome.diagnosis = bgp.diagnosis
            }
            if outcome.phase2Established, outcome.diagnosis == nil {
                try await negotiation.checkTraffic(&outcome, installed: installed)
            }
            if holdSeconds > 0 {
                progress?("Tunnel \(tunnel.index): checks done; its daemons stay up \(Int(holdSeconds)) s (Ctrl-C ends the hold).")
                await LabResources.shared.hold(seconds: holdSeconds)
            }
        } catch {
            await Self.tearDown(plan.network, cloud, customer, routers)
            throw error
        }
        await Self.tearDown(plan.network, cloud, customer, routers)
        return result(outcome, started: started)
    }

    private func result(_ outcome: Outcome, started: Date) -> TunnelLabResult {
        TunnelLabResult(
            index: tunnel.index, tunnelId: tunnel.endpoint.tunnelId, phase2Established: outcome.phase2Established,
            trafficPassed: outcome.trafficPassed, rekeyed: outcome.rekeyed, diagnosis: outcome.diagnosis,
            seconds: Date().timeIntervalSince(started), initiator: outcome.initiator, bgp: outcome.bgp,
            testedHosts: outcome.testedHosts)
    }

    /// What the negotiation found, before timing is added.
    struct Outcome {
        var phase2Established = false
        var trafficPassed = false
        var rekeyed = false
        var diagnosis: LabDiagnosis?
        var initiator: LabSide?
        var bgp: BGPResult?
        var testedHosts: [String] = []
    }

    /// Daemons first (a namespace with a live process in it keeps its veth), then namespaces. Runs in
    /// an unstructured task so that a cancelled run still waits for its daemons to end.
    private static func tearDown(_ network: LabNetwork, _ cloud: CharonDaemon, _ customer: CharonDaemon,
                                 _ routers: [FRRDaemons]) async {
        await Task {
            await withTaskGroup(of: Void.self) { group in
                for router in routers { group.addTask { await router.stop() } }
            }
            async let stopCloud: Void = cloud.stop()
            async let stopCustomer: Void = customer.stop()
            _ = await (stopCloud, stopCustomer)
            await network.destroy()
        }.value
    }
}

/// Which side started the negotiation.
public enum LabSide: String, Sendable, Equatable {
    case cloud
    case onPremises = "on-premises"
}
