import ArgumentParser
import TunnelformCore

/// `tunnelform state rm ADDR…`: forget records; their cloud objects stay.
struct StateRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Forget records of the state; their cloud objects are left as they are.",
        discussion: """
            The next plan treats a forgotten address that is still declared as new; adopt the existing
            object again with tunnelform import instead.

            Example:
              tunnelform state rm VpnConnection/legacy
            """)

    @Argument(help: "The addresses (Kind/name).") var addresses: [String]
    @Flag(help: "Print without colour.") var noColor = false
    @OptionGroup var lock: LockOptions

    func run() async throws {
        let file = try StateFile(noColor: noColor, editing: true)
        defer { file.interrupts?.stop() }
        let addresses = try self.addresses.map(file.address)
        let state = try await file.reconciler.editState(as: "state rm", lockTimeout: try lock.timeout()) { state throws(StateEditError) in
            try StateEditor.remove(addresses, from: state)
        }
        for address in addresses { file.console.err("Removed \(address) from the state (serial \(state.serial)); its cloud objects are unchanged.") }
    }
}
