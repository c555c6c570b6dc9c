import ArgumentParser
import TunnelformCore

/// `tunnelform state mv FROM TO`: re-address a record, e.g. to rename a connection in place.
struct StateMoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mv", abstract: "Move a record to another address of the same kind; the cloud is not touched.",
        discussion: """
            Rename in the manifests and here together: the next plan then shows only what differs
            (an in-place ~ name) instead of deleting the connection and creating a new one. Teams that
            only run plan and apply can commit a kind: Moved document instead.

            Example:
              tunnelform state mv VpnConnection/shanghai-dc VpnConnection/shanghai-primary
            """)

    @Argument(help: "The current address (Kind/name).") var from: String
    @Argument(help: "The new address (Kind/name).") var to: String
    @Flag(help: "Print without colour.") var noColor = false
    @OptionGroup var lock: LockOptions

    func run() async throws {
        let file = try StateFile(noColor: noColor, editing: true)
        defer { file.interrupts?.stop() }
        let (from, to) = (try file.address(from), try file.address(to))
        let state = try await file.reconciler.editState(as: "state mv", lockTimeout: try lock.timeout()) { state throws(StateEditError) in
            try StateEditor.move(from, to: to, in: state)
        }
        file.console.err("Moved \(from) to \(to) (serial \(state.serial)).")
    }
}
