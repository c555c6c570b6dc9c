import ArgumentParser
import TunnelformCore

/// `tunnelform init`: make the configured state backend ready, and move the local state into it.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Prepare the state backend tunnelform.yaml names; optionally move the local state file into it.",
        discussion: """
            A PostgreSQL backend gets its schema created or migrated and the workspace created; running
            init again is harmless. --migrate-state copies the local state file (the `state` setting,
            tunnelform.state.json by default) into the backend byte for byte, unless the backend already
            holds this state or another one.

            Example:
              tunnelform init --migrate-state
            """)

    @Flag(help: "Copy the local state file into the backend.") var migrateState = false
    @Flag(help: "Print without colour.") var noColor = false
    @OptionGroup var lock: LockOptions

    func run() async throws {
        let file = try StateFile(noColor: noColor, editing: migrateState)
        defer { file.interrupts?.stop() }
        let local = migrateState ? StateStore(path: file.reconciler.config.state) : nil
        for note in try await file.reconciler.initialize(migrating: local, lockTimeout: try lock.timeout()) {
            file.console.out(note)
        }
    }
}
