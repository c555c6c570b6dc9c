import Foundation
import TunnelformCore

/// Proves a connection's on-premises configuration against real strongSwan peers.
///
/// Each tunnel gets its own namespaces: a cloud side running `CloudSideStrongSwanConfig` as the
/// cloud behaves (it initiates when the connection is effective immediately; DPD re-initiates),
/// and a customer side running the customer configuration (the generated `StrongSwanConfig`, or a
/// user's swanctl.conf), optionally behind a NAT. A pair per tunnel because both tunnels carry
/// the same traffic selectors (0.0.0.0/0 in destination routing), which one userspace-ESP daemon
/// cannot keep apart, just as the cloud runs the two tunnels on two gateways. After the
/// negotiation the lab pings between hosts inside the networks the tunnel carries, forces a
/// rekey of the CHILD_SA (where a PFS mismatch shows in IKEv2) and pings again; with BGP it first
/// runs FRR on both sides and sends the traffic to the prefix learned over BGP.
///
/// Files live in a private run folder (`RunFolder`); what a killed run left behind is removed
/// first (`LabLeftovers`). Namespaces and daemons are removed at the end, on failure, and on
/// SIGINT/SIGTERM; a SIGINT during `holdSeconds` only ends the hold.
public struct Lab: Sendable {
    public var environment: LabEnvironment
    /// Keep the run's folder (configurations and daemon logs) instead of deleting it.
    public var keepFiles: Bool
    /// The private parent of the run folders.
    public var workFolder: String
    /// Seconds to keep every tunnel's daemons running after its checks, for inspection.
    public var holdSeconds: Double
    /// Put a NAT between the two sides: the device has a private address (`--behind-nat`).
    public var behindNAT: Bool
    /// The customer side's FRR configuration (`--peer-frr`); nil for the generated snippet.
    public var peerFRR: String?
    /// Progress lines for the user (leftovers cleaned, where a kept folder is).
    public var progress: (@Sendable (String) -> Void)?

    public init(environment: LabEnvironment = LabEnvironment(), keepFiles: Bool = false, workFolder: String? = nil,
                holdSeconds: Double = 0, behindNAT: Bool = false, peerFRR: String? = nil,
                progress: (@Sendable (String) -> Void)? = nil) {
        self.environment = environment
        self.keepFiles = keepFiles
        self.holdSeconds = max(0, holdSeconds)
        self.workFolder = workFolder ?? RunFolder.defaultParent
        self.behindNAT = behindNAT
        self.peerFRR = peerFRR
        self.progress = progress
    }

    /// Runs both tunnels at once. `peerConfig` is a swanctl.conf text for the customer side;
    /// nil tests the one generated from `input` (the manifests). `cloud` is the connection as the
    /// cloud has it (`CloudView`); the cloud side runs that, else `input`. Throws `LabError` when
    /// the lab itself cannot run.
    public func run(_ input: DeviceConfigInput, peerConfig: String? = nil, cloud: DeviceConfigInput? = nil) async throws -> LabReport {
        let cloudInput = cloud ?? input
        try environment.check()
        if cloudInput.connection.bgp.enabled, !environment.missingFRR.isEmpty { throw LabError.frrMissing(environment.missingFRR) }
        if behindNAT, !FileManager.default.isExecutableFile(atPath: environment.iptables) {
            throw LabError.strongSwanMissing([environment.iptables + " (for --behind-nat: apt-get install iptables)"])
        }
        let tunnels: [DeviceTunnel]
        let customerText: String
        let cloudConfig = CloudSideStrongSwanConfig(cloudInput, dpdAction: cloudInput.connection.effectImmediately ? "restart" : "clear")
        do throws(DeviceConfigError) {
            tunnels = try cloudInput.resolvedTunnels()
            if let peerConfig { customerText = peerConfig } else { customerText = try StrongSwanConfig(input).swanctlConf() }
        } catch {
            throw LabError.invalidInput(error.description)
        }
        for tunnel in tunnels where tunnel.endpoint.gatewayIp == tunnel.customerGateway.ipAddress {
            throw LabError.invalidInput("tunnel \(tunnel.index)'s gateway IP is the customer gateway's IP")
        }
        let parent = try RunFolder.privateParent(workFolder)
        let cleaned = await LabLeftovers(parent: parent, ip: environment.ip).clean()
        if !cleaned.isEmpty {
            progress?("Cleaned up after an earlier lab run that was killed: " + cleaned.joined(separator: "; ") + ".")
        }
        let folder = try RunFolder.make(in: parent, kept: keepFiles)
        if keepFiles { progress?("Keeping the configurations and daemon logs in \(folder.path).") }
        let runId = "\(getpid())-\(LabRunCounter.shared.next())"
        LabResources.shared.beginRun(ip: environment.ip)
        if !keepFiles { LabResources.shared.add(folder: folder.path) }
        defer {
            LabResources.shared.remove(folder: folder.path)
            LabResources.shared.endRun()
        }
        var results: [TunnelLabResult] = []
        do {
            try await withThrowingTaskGroup(of: TunnelLabResult.self) { group in
                for tunnel in tunnels {
                    let cloudText = try cloudConfig.swanctlConf(tunnel: tunnel.index)
                    let lab = TunnelLab(
                        tunnel: tunnel, input: cloudInput, customerInput: input, cloudConfig: cloudText, customerConfig: customerText,
                        folder: try folder.makeDirectory("tunnel\(tunnel.index)"),
                        cloudNamespace: "tfl-\(runId)-c\(tunnel.index)", customerNamespace: "tfl-\(runId)-d\(tunnel.index)",
                        environment: environment, holdSeconds: holdSeconds, behindNAT: behindNAT, peerFRR: peerFRR,
                        progress: progress)
                    group.addTask { try await lab.run() }
                }
                for try await result in group { results.append(result) }
            }
        } catch {
            await LabResources.shared.holdIfInterrupted()
            finish(folder)
            throw error
        }
        await LabResources.shared.holdIfInterrupted()
        finish(folder)
        return LabReport(connection: input.connection.address, tunnels: results.sorted { $0.index < $1.index },
                         keptFolder: keepFiles ? folder.path : nil, cleanedLeftovers: cleaned)
    }

    /// Removes the run folder, or marks a kept one as finished (no longer a live run's).
    private func finish(_ folder: RunFolder) {
        if keepFiles {
            var record = OwnerRecord.current(kept: true)
            record.finished = true
            folder.rewriteOwner(record)
        } else {
            folder.remove()
        }
    }
}

/// Numbers the runs of this process, so namespace names are unique per run.
final class LabRunCounter: @unchecked Sendable {
    static let shared = LabRunCounter()
    private let lock = NSLock()
    private var count = 0

    func next() -> Int { lock.withLock { count += 1; return count } }
}
