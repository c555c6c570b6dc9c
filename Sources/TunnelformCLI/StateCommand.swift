import ArgumentParser
import Foundation
import TunnelformCore

/// `tunnelform state list|show|rm|mv`: look at the state, or change it without touching the cloud.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "List, show, forget or re-address records of the state; the cloud is never touched.",
        discussion: """
            rm and mv lock the state, write it atomically and bump its serial, like an apply.

            Example:
              tunnelform state list
              tunnelform state show VpnConnection/shanghai-dc
              tunnelform state mv VpnConnection/shanghai-dc VpnConnection/shanghai-primary   # rename in place
              tunnelform state rm VpnConnection/legacy     # forget it; import it again with tunnelform import
            """,
        subcommands: [StateListCommand.self, StateShowCommand.self, StateRemoveCommand.self, StateMoveCommand.self]
    )
}

/// The steps the state subcommands share: read the project's state, and edit it under the lock.
struct StateFile {
    let console: Console
    let store: StateStore

    init(console: Console) throws {
        self.console = console
        let (config, diagnostics) = ProjectConfig.load()
        console.report(diagnostics)
        if diagnostics.hasErrors { throw ExitStatus.failure }
        store = StateStore(path: config.state)
    }

    func read() throws -> State {
        do {
            return try store.read()
        } catch {
            console.err(console.paint("Error:", .red) + " \(error)")
            throw ExitStatus.failure
        }
    }

    /// `edit` applied to the state under the lock, written atomically with the serial bumped.
    func edit(as command: String, _ edit: (State) throws(StateEditError) -> State) throws -> State {
        let lock = StateLock(statePath: store.path)
        do {
            _ = try lock.acquire(holder: "tunnelform \(command)", tookOver: console.tookOverLock)
        } catch {
            console.err(console.paint("Error:", .red) + " \(error)")
            throw ExitStatus.failure
        }
        defer { lock.release() }
        let state = try read()
        var edited: State
        do {
            edited = try edit(state)
        } catch {
            console.err(console.paint("Error:", .red) + " \(error)")
            throw ExitStatus.failure
        }
        edited.serial = state.serial + 1
        do {
            try store.write(edited)
        } catch {
            console.err(console.paint("Error:", .red) + " \(error)")
            throw ExitStatus.failure
        }
        return edited
    }

    /// An address argument, or a failure saying how to write one.
    func address(_ text: String) throws -> ResourceAddress {
        guard let address = ResourceAddress(parsing: text) else {
            console.err(console.paint("Error:", .red) + " \(text) is not an address (use Kind/name, e.g. VpnConnection/shanghai-dc)")
            throw ExitStatus.failure
        }
        return address
    }
}
