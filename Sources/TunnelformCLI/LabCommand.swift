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
            For each tunnel, starts two strongSwan daemons in network namespaces: one playing the
            cloud side as the cloud has the tunnel (the provider's view; differences from the
            manifests are listed first), one running the on-premises configuration (the one
            `device-config` generates, or yours with --peer-config). As the cloud does, the cloud
            side initiates when the connection is effective immediately, else the on-premises side
            does. The lab pings between hosts inside the networks the tunnel carries, forces a
            rekey and pings again; with BGP it first runs FRR on both sides and sends the traffic
            to a prefix learned over BGP. Prints, per tunnel, "Phase 2 negotiations succeeded" or
            why not, in the manifests' terms. Exits 0 only when both tunnels pass.

            Needs Linux, root and strongSwan (and FRR for BGP, iptables for --behind-nat):
              \(LabError.installCommand) iproute2 iputils-ping frr iptables
            Nothing leaves the namespaces, and they are removed at the end, also on Ctrl-C. Files
            live in a private folder under /run/tunnelform-lab; what a killed run left is removed
            by the next one.

            Example:
              tunnelform lab VpnConnection/shanghai-dc
              tunnelform lab VpnConnection/shanghai-dc --peer-config /etc/swanctl/conf.d/shanghai.conf --keep
              tunnelform lab VpnConnection/shanghai-dc --peer-config dc.conf --peer-frr frr.conf --behind-nat
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
    @Option(help: ArgumentHelp("Test this FRR configuration (bgpd) as the on-premises side's BGP instead of the generated snippet.",
                               valueName: "FILE"))
    var peerFrr: String?
    @Flag(help: "Put a NAT between the sides: the device has a private address, translated to the customer gateway IP (use local_addrs = %any).")
    var behindNat = false

    func validate() throws {
        guard hold >= 0, hold <= 3600 else { throw ValidationError("--hold must be 0 to 3600 seconds") }
    }

    func run() async throws {
        let console = Console(noColor: connection.noColor)
        let environment = LabEnvironment()
        if let reason = environment.unavailableReason {
            throw CommandError(Self.explain(reason, environment, address: connection.address))
        }
        let peerText = try read(peerConfig, option: "--peer-config", console: console)
        let frrText = try read(peerFrr, option: "--peer-frr", console: console)
        let inputs = try await DeviceConfigSource(console: console)
            .located(connection.address, manifests: connection.manifests, onlyItsWarnings: true)
        let input = inputs.input
        if !inputs.differences.isEmpty {
            console.err(console.paint("Note:", .yellow) + " the cloud's \(input.connection.address) differs from the manifests "
                + "(changed in the console?); the cloud side is built from what the cloud has:")
            for difference in inputs.differences { console.err("  \(difference)") }
        }
        let side = peerConfig.map { "the on-premises configuration in \($0)" } ?? "the generated on-premises configuration"
        console.err("Testing \(side) of \(input.connection.address) against strongSwan peers playing the cloud side…")
        let report: LabReport
        do {
            let lab = Lab(environment: environment, keepFiles: keep, holdSeconds: hold, behindNAT: behindNat, peerFRR: frrText,
                          progress: { line in console.err(line) })
            report = try await lab.run(input, peerConfig: peerText, cloud: inputs.cloud)
        } catch {
            throw CommandError("the lab could not run: \(error)")
        }
        console.out(LabView(console: console).render(report))
        if let folder = report.keptFolder { console.err("Kept the configurations and daemon logs (keys included, mode 0600) in \(folder).") }
        if !report.passed { throw ExitStatus.failure }
    }

    private func read(_ path: String?, option: String, console: Console) throws -> String? {
        guard let path else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("cannot read \(option) \(path)")
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
