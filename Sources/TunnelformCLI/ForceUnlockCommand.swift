import ArgumentParser
import TunnelformCore

/// `tunnelform force-unlock`: remove a stale state lock.
struct ForceUnlockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "force-unlock",
        abstract: "Remove the state lock left by an apply that no longer runs.",
        discussion: """
            Only use this when no other tunnelform is running against this state.

            Example:
              tunnelform force-unlock
            """
    )

    @Flag(help: "Print without colour.") var noColor = false

    func run() throws {
        let console = Console(noColor: noColor)
        let (config, _) = ProjectConfig.load()
        let lock = StateLock(statePath: config.state)
        guard let holder = lock.forceUnlock() else {
            console.err("The state is not locked.")
            return
        }
        let stale = lock.isStale(holder) ? "stale " : ""
        console.err("Removed the \(stale)lock held by \(holder.holder) (pid \(holder.pid) on \(holder.host)).")
    }
}
