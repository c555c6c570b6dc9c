import Foundation
import TunnelformCore

/// The steps between "both daemons are up" and "tear down": load both configurations; negotiate
/// as the cloud would (effective immediately: the cloud side initiates, unless the device starts
/// on its own; on traffic: the customer side initiates); ping between hosts inside the networks
/// the CHILD_SA carries, force a rekey, ping again; on failure, diagnose from the logs.
struct TunnelNegotiation {
    var lab: TunnelLab
    var plan: TunnelPlan
    var cloud: CharonDaemon
    var customer: CharonDaemon

    /// Log texts after which a negotiation is over, whichever side writes them.
    static let failureMarkers = [
        "establishing IKE_SA failed", "failed to establish CHILD_SA", "AUTHENTICATION_FAILED", "NO_PROPOSAL_CHOSEN",
        "TS_UNACCEPTABLE", "INVALID_ID_INFORMATION", "no shared key found", "peer not responding", "giving up after",
        "decryption failed?", "no IKE config found", "MAC mismatched", "unacceptable", "no matching CHILD_SA config",
        "does not match to", "peer config found", "Aggressive Mode PSK disabled", "none allows pre-shared key",
    ]

    /// Loads both sides and negotiates; the customer side's installed CHILD_SAs (empty on failure,
    /// with the diagnosis in the outcome).
    func establish() async throws -> (TunnelLab.Outcome, [SwanctlSAList.ChildSA]) {
        var outcome = TunnelLab.Outcome()
        outcome.testedHosts = plan.hosts.pairs.map { "\($0.from) → \($0.to)" }
        try cloud.folder.write(lab.cloudConfig, to: "swanctl.conf")
        try customer.folder.write(plan.customerText, to: "swanctl.conf")
        // Both sides are loaded before anyone initiates: the cloud side first, so that a device
        // that starts on its own finds it ready to answer.
        let cloudLoad = try await cloud.swanctl(["--load-all", "--clear", "--noprompt", "--file", "\(cloud.folder.path)/swanctl.conf"])
        guard cloudLoad.succeeded else { throw LabError.commandFailed("swanctl --load-all (cloud side)", cloudLoad.output) }
        let customerLoad = try await customer.swanctl(["--load-all", "--clear", "--noprompt", "--file", "\(customer.folder.path)/swanctl.conf"])
        guard customerLoad.succeeded else {
            outcome.diagnosis = .peerConfigNotLoaded(Self.loadErrors(customerLoad))
            return (outcome, [])
        }
        let installed: [SwanctlSAList.ChildSA]
        if lab.connection.effectImmediately && plan.facts?.startAction != "start" {
            // Effective immediately: the cloud negotiates as soon as the configuration takes effect,
            // whatever the device does (start_action = none or trap must still come up).
            outcome.initiator = .cloud
            _ = try await cloud.swanctl(["--initiate", "--child", lab.tunnel.sectionName, "--timeout", "15"], timeout: 25)
            installed = try await waitForInstalled(seconds: 2)
        } else if lab.connection.effectImmediately {
            outcome.initiator = .onPremises
            installed = try await waitForInstalled(seconds: 20)
        } else {
            // On traffic: the cloud waits; the lab starts the device's negotiation (as traffic would).
            outcome.initiator = .onPremises
            for child in plan.children {
                _ = try await customer.swanctl(["--initiate", "--child", child, "--timeout", "15"], timeout: 25)
            }
            installed = try await waitForInstalled(seconds: 2)
        }
        guard !installed.isEmpty else {
            outcome.diagnosis = diagnoser(cloudFrom: 0, customerFrom: 0).diagnose()
            return (outcome, [])
        }
        outcome.phase2Established = true
        return (outcome, installed)
    }

    /// Pings through the established tunnel, forces a rekey of the CHILD_SA, pings again.
    func checkTraffic(_ outcome: inout TunnelLab.Outcome, installed: [SwanctlSAList.ChildSA]) async throws {
        guard let child = installed.first else { return }
        if let failed = try await firstFailingPing() {
            outcome.diagnosis = .trafficDidNotPass(from: failed.from.description, to: failed.to.description)
            return
        }
        outcome.trafficPassed = true
        let rekey = try await forceRekey(child.name, before: Set(installed.map(\.uniqueId)))
        outcome.rekeyed = rekey == nil
        outcome.diagnosis = rekey
        if rekey == nil, let failed = try await firstFailingPing() {
            outcome.trafficPassed = false
            outcome.diagnosis = .trafficDidNotPass(from: failed.from.description, to: failed.to.description)
        }
    }

    /// The customer side's installed CHILD_SAs of this tunnel, polled until one is there, a
    /// negotiation failure is logged, or `seconds` pass.
    private func waitForInstalled(seconds: Double) async throws -> [SwanctlSAList.ChildSA] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let installed = try await installedChildren()
            if !installed.isEmpty || Date() >= deadline { return installed }
            let logs = customer.log + cloud.log
            if Self.failureMarkers.contains(where: { logs.contains($0) }) {
                // Give a retransmission or the other side's answer a moment to land in the logs.
                try await Task.sleep(nanoseconds: 300_000_000)
                return try await installedChildren()
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
    }

    private func installedChildren() async throws -> [SwanctlSAList.ChildSA] {
        let list = try await customer.swanctl(["--list-sas", "--raw"])
        let all = SwanctlSAList(raw: list.stdout)
        return plan.children.flatMap { all.installed($0) }
    }

    /// Pings every customer host to every cloud host (one retry each); the first pair that fails.
    private func firstFailingPing() async throws -> (from: IPv4Address, to: IPv4Address)? {
        for pair in plan.hosts.pairs {
            var passed = false
            for _ in 0..<2 where !passed {
                let result = try await Command.run(lab.environment.ip, [
                    "netns", "exec", lab.customerNamespace, lab.environment.ping,
                    "-n", "-c", "1", "-W", "2", "-I", pair.from.description, pair.to.description,
                ], timeout: 10)
                passed = result.succeeded
            }
            if !passed { return pair }
        }
        return nil
    }

    /// Asks the customer side to rekey the CHILD_SA and waits up to 8 s for a new one; nil when
    /// it came, otherwise the diagnosis from the log lines written since the request.
    private func forceRekey(_ child: String, before: Set<String>) async throws -> LabDiagnosis? {
        let cloudMark = cloud.log.utf8.count
        let customerMark = customer.log.utf8.count
        _ = try await customer.swanctl(["--rekey", "--child", child], timeout: 10)
        let failures = ["CHILD_SA rekeying failed", "failed to establish CHILD_SA", "NO_PROPOSAL_CHOSEN"]
        for _ in 0..<160 {
            if try await installedChildren().contains(where: { !before.contains($0.uniqueId) }) { return nil }
            let since = String(decoding: customer.log.utf8.dropFirst(customerMark), as: UTF8.self)
            if failures.contains(where: { since.contains($0) }) { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        return diagnoser(cloudFrom: cloudMark, customerFrom: customerMark).diagnoseRekey()
    }

    private func diagnoser(cloudFrom: Int, customerFrom: Int) -> LabLogDiagnoser {
        LabLogDiagnoser(
            cloudLog: String(decoding: cloud.log.utf8.dropFirst(cloudFrom), as: UTF8.self),
            customerLog: String(decoding: customer.log.utf8.dropFirst(customerFrom), as: UTF8.self),
            cloudIdentity: lab.tunnel.cloudIdentity, customerIdentity: lab.tunnel.customerIdentity,
            customer: plan.facts, destinationRouting: lab.connection.routingMode == .destination)
    }

    /// swanctl's complaints about a configuration, without its notes on empty credential folders.
    static func loadErrors(_ result: CommandResult) -> String {
        let lines = result.output.split(separator: "\n").filter { !$0.contains("opening directory") }
        return lines.suffix(5).joined(separator: "; ")
    }
}
