import ArgumentParser
import Foundation
import TunnelformCore

/// `tunnelform show [ADDR]`: the console's tunnel view of what the state and the cloud say.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show connections and gateways as the console's tunnel view: ids, gateway IPs, statuses.",
        discussion: """
            Reads the state and asks the provider for current statuses. Pre-shared keys are hidden
            unless --secrets is given (cloud-generated keys are read back from the cloud).

            Example:
              tunnelform show
              tunnelform show VpnConnection/shanghai-dc --secrets
              tunnelform show --json
            """
    )

    @Argument(help: "Only this address (Kind/name).") var address: String?
    @Flag(help: "Print as versioned JSON on stdout.") var json = false
    @Flag(help: "Reveal pre-shared keys.") var secrets = false
    @Flag(help: "Print without colour.") var noColor = false

    func run() async throws {
        let console = Console(noColor: noColor)
        let reconciler = try ReconcilerFactory.make(observer: ConsoleObserver(console: console))
        let state = try await reconciler.readState()
        var addresses = state.addresses
        if let address {
            guard let parsed = ResourceAddress(parsing: address), state[parsed] != nil else {
                let hint = Suggestion.hint(for: address, in: state.addresses.map(\.description)).map { " (\($0))" } ?? ""
                throw CommandError("\(address) is not in the state\(hint)")
            }
            addresses = [parsed]
        }
        let regions = Set(addresses.compactMap { state[$0]?.region }).sorted()
        let inventories = try await reconciler.provider().using { handle in
            var inventories: [String: CloudInventory] = [:]
            for region in regions {
                do { inventories[region] = try await handle.provider.observe(region: region) } catch {
                    console.err(console.paint("Warning:", .yellow) + " could not read \(region) from the provider: \(error)")
                }
            }
            return inventories
        }
        let view = ShowView(state: state, inventories: inventories, revealSecrets: secrets)
        console.out(json ? try view.json(addresses) : view.text(addresses))
    }
}
