import Foundation
import TunnelformCore

/// Proves a connection's on-premises configuration against real strongSwan peers.
///
/// Each tunnel gets its own pair of network namespaces: a cloud side running
/// `CloudSideStrongSwanConfig`, and a customer side running the customer configuration (the
/// generated `StrongSwanConfig`, or a user's swanctl.conf). A pair per tunnel because both
/// tunnels carry the same traffic selectors (0.0.0.0/0 in destination routing), which one
/// userspace-ESP daemon cannot keep apart, just as the cloud runs the two tunnels on two gateways.
/// The customer side initiates, pings between test hosts through the tunnel, forces a rekey of
/// the CHILD_SA (where a PFS mismatch shows in IKEv2) and pings again. Namespaces and daemons are
/// removed at the end, on failure, and on SIGINT/SIGTERM.
public struct Lab: Sendable {
    public var environment: LabEnvironment
    /// Keep the run's folder (configurations and daemon logs) instead of deleting it.
    public var keepFiles: Bool
    /// Where run folders are created.
    public var workFolder: String
    /// Seconds to keep every tunnel's daemons running after its checks, for inspection.
    public var holdSeconds: Double

    public init(environment: LabEnvironment = LabEnvironment(), keepFiles: Bool = false, workFolder: String? = nil,
                holdSeconds: Double = 0) {
        self.environment = environment
        self.keepFiles = keepFiles
        self.holdSeconds = max(0, holdSeconds)
        self.workFolder = workFolder ?? FileManager.default.temporaryDirectory.path
    }

    /// Runs both tunnels at once. `peerConfig` is a swanctl.conf text for the customer side;
    /// nil tests the generated one. Throws `LabError` when the lab itself cannot run.
    public func run(_ input: DeviceConfigInput, peerConfig: String? = nil) async throws -> LabReport {
        try environment.check()
        let tunnels: [DeviceTunnel]
        let customerText: String
        let cloudConfig = CloudSideStrongSwanConfig(input)
        do throws(DeviceConfigError) {
            tunnels = try input.resolvedTunnels()
            if let peerConfig { customerText = peerConfig } else { customerText = try StrongSwanConfig(input).swanctlConf() }
        } catch {
            throw LabError.invalidInput(error.description)
        }
        for tunnel in tunnels where tunnel.endpoint.gatewayIp == tunnel.customerGateway.ipAddress {
            throw LabError.invalidInput("tunnel \(tunnel.index)'s gateway IP is the customer gateway's IP")
        }
        let runId = "\(getpid())-\(LabRunCounter.shared.next())"
        let folder = "\(workFolder)/tunnelform-lab-\(runId)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        LabResources.shared.beginRun(ip: environment.ip)
        if !keepFiles { LabResources.shared.add(folder: folder) }
        defer {
            LabResources.shared.remove(folder: folder)
            LabResources.shared.endRun()
            Command.removeScratchFolderIfEmpty()
        }
        let hosts = LabHosts(connection: input.connection)
        var results: [TunnelLabResult] = []
        do {
            try await withThrowingTaskGroup(of: TunnelLabResult.self) { group in
                for tunnel in tunnels {
                    let cloudText = try cloudConfig.swanctlConf(tunnel: tunnel.index)
                    let lab = TunnelLab(
                        tunnel: tunnel, cloudConfig: cloudText, customerConfig: customerText, hosts: hosts,
                        folder: "\(folder)/tunnel\(tunnel.index)",
                        cloudNamespace: "tfl-\(runId)-c\(tunnel.index)", customerNamespace: "tfl-\(runId)-d\(tunnel.index)",
                        environment: environment, holdSeconds: holdSeconds)
                    group.addTask { try await lab.run() }
                }
                for try await result in group { results.append(result) }
            }
        } catch {
            await LabResources.shared.holdIfInterrupted()
            if !keepFiles { try? FileManager.default.removeItem(atPath: folder) }
            throw error
        }
        await LabResources.shared.holdIfInterrupted()
        if !keepFiles { try? FileManager.default.removeItem(atPath: folder) }
        return LabReport(connection: input.connection.address, tunnels: results.sorted { $0.index < $1.index },
                         keptFolder: keepFiles ? folder : nil)
    }
}

/// Numbers the runs of this process, so namespace names are unique per run.
final class LabRunCounter: @unchecked Sendable {
    static let shared = LabRunCounter()
    private let lock = NSLock()
    private var count = 0

    func next() -> Int { lock.withLock { count += 1; return count } }
}
