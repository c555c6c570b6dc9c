import ArgumentParser
import Foundation
import TunnelformCore

/// `tunnelform import ADDR ID`: adopt an existing customer gateway or connection into the state;
/// `tunnelform import --generate ID…`: write manifests for existing objects.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Adopt an existing customer gateway (cgw-…) or IPsec connection (vco-…) into the state.",
        discussion: """
            ADDR must be declared in the manifests and not yet be in the state. A connection is adopted
            with its transit-router attachment, route-table association and propagation, or its
            cross-account grant. The next plan shows exactly how the manifest differs from the cloud.
            Keys: a key the cloud returns is kept as a digest; one it returns empty or masked is recorded
            as unknown, and the next plan sets it from the manifests.

            With --generate, writes manifests for the given ids instead (keys as {env: …} references,
            never values) and prints the import commands to run next.

            Example:
              tunnelform import CustomerGateway/shanghai-edge-1 cgw-0123456789abcdefghij
              tunnelform import VpnConnection/shanghai-dc vco-0123456789abcdefghij
              tunnelform import --generate vco-0123456789abcdefghij --region cn-shanghai --out manifests
            """
    )

    @Argument(help: "ADDR ID, or with --generate one or more ids.") var arguments: [String] = []
    @Flag(help: "Write manifests for the ids instead of importing.") var generate = false
    @Option(help: "With --generate: the folder to write to (default: the manifests folder).") var out: String?
    @Option(name: .customLong("region"), help: "With --generate: a region to look in (repeatable; default: the regions of the manifests and state).")
    var regions: [String] = []
    @Option(help: "The folder of manifests (default: from tunnelform.yaml, else manifests).") var manifests: String?
    @Flag(help: "Print without colour.") var noColor = false

    @OptionGroup var lock: LockOptions

    func run() async throws {
        let console = Console(noColor: noColor)
        if generate {
            try await ManifestGeneration(console: console, ids: arguments, out: out, regions: regions, manifests: manifests).run()
            return
        }
        guard arguments.count == 2 else {
            throw CommandError("import takes an address and an id, e.g. tunnelform import VpnConnection/shanghai-dc vco-…")
        }
        let (text, id) = (arguments[0], arguments[1])
        guard let address = ResourceAddress(parsing: text) else {
            throw CommandError("\(text) is not an address (use Kind/name, e.g. VpnConnection/shanghai-dc)")
        }
        let interrupts = InterruptWatch(console: console)
        defer { interrupts.stop() }
        let reconciler = try ReconcilerFactory.make(observer: ConsoleObserver(console: console, interrupts: interrupts))
        let notes = try await reconciler.adopt(address, id: id, manifests: manifests, lockTimeout: try lock.timeout())
        for note in notes { console.err(console.paint("Note:", .yellow) + " " + note) }
        console.out(console.paint("Import complete!", .green) + " \(id) is now managed as \(address). Run `tunnelform plan` to see how the manifests differ from it.")
    }
}
