import ArgumentParser
import Foundation
import TunnelformCore

/// `tunnelform state history`: the states a shared backend kept, newest first.
struct StateHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List the states the backend kept: serial, time, who, command and what changed.",
        discussion: """
            A shared backend (backend: postgres:) keeps every serial; the local state file keeps
            none (its history is in git). Takes no lock.

            Example:
              tunnelform state history --limit 5
            """)

    @Option(help: "Show at most this many, newest first.") var limit = 20
    @Flag(help: "Print JSON instead of a table.") var json = false
    @Flag(help: "Print without colour.") var noColor = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let file = try StateFile(noColor: noColor)
        let revisions = try await file.reconciler.stateHistory(limit: limit)
        if json {
            file.console.out(try StateHistoryView.json(revisions))
        } else if revisions.isEmpty {
            file.console.err("\(file.reconciler.backend.location) holds no state yet.")
        } else {
            file.console.out(StateHistoryView.table(revisions))
        }
    }
}
