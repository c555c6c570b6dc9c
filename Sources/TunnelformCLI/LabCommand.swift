import ArgumentParser
import Foundation
import TunnelformCore
import TunnelformLab

/// `tunnelform lab ADDR`: proves a connection's on-premises configuration against real
/// strongSwan peers on this machine.
struct LabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Test a connection's on-premises configuration against real strongSwan peers on this machine.",
        discussion: """
            For each tunnel, starts two strongSwan daemons in a pair of network namespaces: one
            playing the cloud side exactly as the manifests and the state describe the tunnel, one
            running the on-premises configuration (the one `device-config` generates, or yours with
            --peer-config). The on-premises side negotiates, pings through the tunnel, forces a
            rekey and pings again. Prints, per tunnel, "Phase 2 negotiations succeeded" or why the
            negotiation failed, in the manifests' terms. Exits 0 only when both tunnels pass.

            Needs Linux, root and strongSwan:
              \(LabError.installCommand) iproute2 iputils-ping
            Nothing leaves the namespaces, and they are removed at the end, also on Ctrl-C.

            Example:
              tunnelform lab VpnConnection/shanghai-dc
              tunnelform lab VpnConnection/shanghai-dc --peer-config /etc/swanctl/conf.d/shanghai.conf --keep
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @Option(help: ArgumentHelp("Test this swanctl.conf as the on-premises side instead of the generated one.",
                               valueName: "FILE"))
    var peerConfig: String?
    @Flag(help: "Keep the lab's configurations and daemon logs, and print where.") var keep = false
    @Option(help: ArgumentHelp("After the checks, keep the daemons running this long (with --keep, inspect them with swanctl); Ctrl-C ends it and cleans up.",
                               valueName: "SECONDS"))
    var hold: Double = 0

    func validate() throws {
        guard hold >= 0, hold <= 3600 else { throw ValidationError("--hold must be 0 to 3600 seconds") }
    }

    func run() async throws {
        let console = Console(noColor: connection.noColor)
        let environment = LabEnvironment()
        if let reason = environment.unavailableReason {
            console.err(console.paint("Error:", .red) + " " + Self.explain(reason, environment, address: connection.address))
            throw ExitStatus.failure
        }
        let peerText = try readPeerConfig(console: console)
        let input: DeviceConfigInput
        do {
            input = try await DeviceConfigSource(console: console).input(for: connection.address, manifests: connection.manifests)
        } catch is Session.Stop {
            throw ExitStatus.failure
        }
        let side = peerConfig.map { "the on-premises configuration in \($0)" } ?? "the generated on-premises configuration"
        console.err("Testing \(side) of \(input.connection.address) against strongSwan peers playing the cloud side…")
        let report: LabReport
        do {
            if hold > 0 { console.err("The daemons stay up \(Int(hold)) s after the checks; Ctrl-C ends the hold.") }
            report = try await Lab(environment: environment, keepFiles: keep, holdSeconds: hold).run(input, peerConfig: peerText)
        } catch {
            console.err(console.paint("Error:", .red) + " the lab could not run: \(error)")
            throw ExitStatus.failure
        }
        console.out(LabView(console: console).render(report))
        if let folder = report.keptFolder { console.err("Kept the configurations and daemon logs in \(folder).") }
        if !report.passed { throw ExitStatus.failure }
    }

    private func readPeerConfig(console: Console) throws -> String? {
        guard let peerConfig else { return nil }
        guard let data = FileManager.default.contents(atPath: peerConfig) else {
            console.err(console.paint("Error:", .red) + " cannot read --peer-config \(peerConfig)")
            throw ExitStatus.failure
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Why the lab cannot run here, with what to do about it.
    static func explain(_ reason: LabError, _ environment: LabEnvironment, address: String) -> String {
        switch reason {
        case .notRoot:
            let missing = environment.missing.isEmpty
                ? "" : "; it also needs strongSwan: \(LabError.installCommand) iproute2 iputils-ping"
            return "\(reason) (e.g. sudo tunnelform lab \(address))\(missing)"
        default:
            return reason.description
        }
    }
}
