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

    func run() async throws {
        let console = Console(noColor: noColor)
        do {
            if generate {
                try await ManifestGeneration(console: console, ids: arguments, out: out, regions: regions, manifests: manifests).run()
            } else {
                try await adopt(console: console)
            }
        } catch is Session.Stop {
            throw ExitStatus.failure
        }
    }

    private func adopt(console: Console) async throws {
        guard arguments.count == 2 else {
            console.err(console.paint("Error:", .red) + " import takes an address and an id, e.g. tunnelform import VpnConnection/shanghai-dc vco-…")
            throw Session.Stop()
        }
        let (text, id) = (arguments[0], arguments[1])
        guard let address = ResourceAddress(parsing: text) else {
            console.err(console.paint("Error:", .red) + " \(text) is not an address (use Kind/name, e.g. VpnConnection/shanghai-dc)")
            throw Session.Stop()
        }
        // The id's kind is checked before anything is read, so a wrong id fails at once.
        do { try Importer().check(id: id, address: address, state: State()) } catch {
            console.err(console.paint("Error:", .red) + " \(error)")
            throw Session.Stop()
        }
        let (config, _) = ProjectConfig.load()
        let lease: any StateLease
        do {
            lease = try await LocalStateBackend(path: config.state).lock(command: "tunnelform import", timeout: .zero,
                                                                       tookOver: { [console] in console.tookOverLock($0) })
        } catch {
            console.err(console.paint("Error:", .red) + " \(error)")
            throw Session.Stop()
        }
        defer { lease.releaseBeforeExit() }
        let session = try Session.open(console: console, manifests: manifests)
        let model = session.validation.model
        let gateway = model.customerGateways.first { $0.value.address == address }
        let connection = model.connections.first { $0.value.address == address }
        guard let declaredRegion = gateway?.value.region ?? connection?.value.region,
              let location = gateway?.location(["region"]) ?? connection?.location(["region"]) else {
            let known = model.customerGateways.map(\.value.address.description) + model.connections.map(\.value.address.description)
            let hint = Suggestion.hint(for: text, in: known).map { " (\($0))" } ?? ""
            console.err(console.paint("Error:", .red) + " \(address) is not in the manifests\(hint): declare it first, then import it")
            throw Session.Stop()
        }
        let handle = try session.makeProvider()
        let inventory: CloudInventory
        do {
            inventory = try await handle.provider.observe(region: declaredRegion)
        } catch {
            await handle.shutdown()
            console.err(console.paint("Error:", .red) + " reading \(declaredRegion) from the provider failed: \(error)")
            throw Session.Stop()
        }
        await handle.shutdown()
        let outcome: Importer.Outcome
        do {
            if let gateway {
                outcome = try Importer().importCustomerGateway(id: id, declared: gateway.value, inventory: inventory, state: session.state)
            } else if let connection {
                outcome = try Importer().importConnection(id: id, declared: connection.value, inventory: inventory, state: session.state)
            } else {
                throw Session.Stop()
            }
        } catch let error as ImportError {
            if case .notFound = error {
                console.report([.error("\(error)", hint: "the object is looked for in the region \(address) declares", address: address.description, at: location)])
            } else {
                console.err(console.paint("Error:", .red) + " \(error)")
            }
            throw Session.Stop()
        }
        let keeper = StateKeeper(state: session.state, lease: lease)
        do {
            try await keeper.update { $0 = outcome.state }
        } catch {
            console.err(console.paint("Error:", .red) + " \(error)")
            throw Session.Stop()
        }
        for note in outcome.notes { console.err(console.paint("Note:", .yellow) + " " + note) }
        console.out(console.paint("Import complete!", .green) + " \(id) is now managed as \(address). Run `tunnelform plan` to see how the manifests differ from it.")
    }
}
