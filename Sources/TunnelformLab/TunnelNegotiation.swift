import Foundation
import TunnelformCore

/// The steps between "both daemons are up" and "tear down": load both configurations, initiate
/// from the customer side, ping, force a rekey, ping again; on failure, diagnose from the logs.
struct TunnelNegotiation {
    var lab: TunnelLab
    var cloud: CharonDaemon
    var customer: CharonDaemon

    func run() async throws -> TunnelLab.Outcome {
        var outcome = TunnelLab.Outcome()
        let gatewayIp = lab.tunnel.endpoint.gatewayIp.description
        let sections: SwanctlSections
        do {
            sections = try SwanctlSections(lab.customerConfig)
        } catch {
            outcome.diagnosis = .peerConfigNotLoaded(error.description)
            return outcome
        }
        let mine = sections.connections.filter { $0.remoteAddresses.contains(gatewayIp) }
        let children = mine.flatMap(\.children)
        guard !mine.isEmpty, !children.isEmpty else {
            outcome.diagnosis = .noConnectionForTunnel(gatewayIp: gatewayIp)
            return outcome
        }
        let cloudFile = "\(cloud.settings.folder)/swanctl.conf"
        let customerFile = "\(customer.settings.folder)/swanctl.conf"
        try lab.cloudConfig.write(toFile: cloudFile, atomically: true, encoding: .utf8)
        try sections.keepingOnly(Set(mine.map(\.name))).write(toFile: customerFile, atomically: true, encoding: .utf8)
        // The cloud side must be ready to answer before the customer side's start_action fires.
        let cloudLoad = try await cloud.swanctl(["--load-all", "--clear", "--noprompt", "--file", cloudFile])
        guard cloudLoad.succeeded else { throw LabError.commandFailed("swanctl --load-all (cloud side)", cloudLoad.output) }
        let customerLoad = try await customer.swanctl(["--load-all", "--clear", "--noprompt", "--file", customerFile])
        guard customerLoad.succeeded else {
            outcome.diagnosis = .peerConfigNotLoaded(Self.loadErrors(customerLoad))
            return outcome
        }
        for child in children {
            _ = try await customer.swanctl(["--initiate", "--child", child, "--timeout", "15"], timeout: 25)
        }
        let child = children[0]
        let installed = try await installedChildren(child)
        guard !installed.isEmpty else {
            outcome.diagnosis = diagnoser(cloudFrom: 0, customerFrom: 0).diagnose()
            return outcome
        }
        outcome.phase2Established = true
        if let failed = try await firstFailingPing() {
            outcome.diagnosis = .trafficDidNotPass(from: failed.from.description, to: failed.to.description)
            return outcome
        }
        outcome.trafficPassed = true
        let rekey = try await forceRekey(child, before: Set(installed.map(\.uniqueId)))
        outcome.rekeyed = rekey == nil
        outcome.diagnosis = rekey
        if rekey == nil, let failed = try await firstFailingPing() {
            outcome.trafficPassed = false
            outcome.diagnosis = .trafficDidNotPass(from: failed.from.description, to: failed.to.description)
        }
        return outcome
    }

    private func installedChildren(_ child: String) async throws -> [SwanctlSAList.ChildSA] {
        let list = try await customer.swanctl(["--list-sas", "--raw"])
        return SwanctlSAList(raw: list.stdout).installed(child)
    }

    /// Pings every customer host to every cloud host (one retry each); the first pair that fails.
    private func firstFailingPing() async throws -> (from: IPv4Address, to: IPv4Address)? {
        for pair in lab.hosts.pairs {
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
            if try await installedChildren(child).contains(where: { !before.contains($0.uniqueId) }) { return nil }
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
            cloudIdentity: lab.tunnel.cloudIdentity, customerIdentity: lab.tunnel.customerIdentity)
    }

    /// swanctl's complaints about a configuration, without its notes on empty credential folders.
    static func loadErrors(_ result: CommandResult) -> String {
        let lines = result.output.split(separator: "\n").filter { !$0.contains("opening directory") }
        return lines.suffix(5).joined(separator: "; ")
    }
}
