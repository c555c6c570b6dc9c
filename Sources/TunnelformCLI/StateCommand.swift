import ArgumentParser
import Foundation
import TunnelformCore

/// `tunnelform state list|show|rm|mv`: look at the state, or change it without touching the cloud.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "List, show, forget or re-address records of the state, or move whole states; the cloud is never touched.",
        discussion: """
            rm, mv and push lock the state and write it atomically, like an apply.

            Example:
              tunnelform state list
              tunnelform state show VpnConnection/shanghai-dc
              tunnelform state mv VpnConnection/shanghai-dc VpnConnection/shanghai-primary   # rename in place
              tunnelform state rm VpnConnection/legacy     # forget it; import it again with tunnelform import
              tunnelform state pull > copy.json            # the state as stored
              tunnelform state history --limit 5           # a shared backend's serials, newest first
            """,
        subcommands: [StateListCommand.self, StateShowCommand.self, StateRemoveCommand.self, StateMoveCommand.self,
                      StatePullCommand.self, StatePushCommand.self, StateHistoryCommand.self]
    )
}

/// What the state subcommands share: the project's `Reconciler`, and addresses parsed from arguments.
/// Those that edit are watched for Ctrl-C, which releases the lock they hold before the process ends.
struct StateFile {
    let console: Console
    let reconciler: Reconciler
    let interrupts: InterruptWatch?

    init(noColor: Bool, editing: Bool = false) throws {
        console = Console(noColor: noColor)
        interrupts = editing ? InterruptWatch(console: console) : nil
        reconciler = try ReconcilerFactory.make(observer: ConsoleObserver(console: console, interrupts: interrupts))
    }

    func read() async throws -> State { try await reconciler.readState() }

    /// An address argument, or a failure saying how to write one.
    func address(_ text: String) throws -> ResourceAddress {
        guard let address = ResourceAddress(parsing: text) else {
            throw CommandError("\(text) is not an address (use Kind/name, e.g. VpnConnection/shanghai-dc)")
        }
        return address
    }
}
