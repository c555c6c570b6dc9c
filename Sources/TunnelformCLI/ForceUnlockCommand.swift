import ArgumentParser
import Foundation
import TunnelformCore

/// `tunnelform force-unlock`: remove a stale state lock.
struct ForceUnlockCommand: AsyncParsableCommand {
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

    func run() async throws {
        let console = Console(noColor: noColor)
        let reconciler = try ReconcilerFactory.make(observer: ConsoleObserver(console: console))
        let holder: StateLock.Holder?
        do { holder = try await reconciler.backend.forceUnlock() } catch { throw ReconcileError.lock(error) }
        guard let holder else {
            console.err("The state is not locked.")
            return
        }
        console.err("Removed the lock held by \(holder.holder) (pid \(holder.pid) on \(holder.host)), taken at \(holder.time.formatted(.iso8601)).")
    }
}
