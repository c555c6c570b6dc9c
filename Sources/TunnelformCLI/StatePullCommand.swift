import ArgumentParser
import Foundation
import TunnelformCore

/// `tunnelform state pull`: the current state's JSON on stdout, byte for byte as stored.
struct StatePullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull", abstract: "Print the current state, exactly as the backend stores it.",
        discussion: """
            Takes no lock. With a shared backend this is how to look at, or keep a copy of, the state.

            Example:
              tunnelform state pull > backup.tfstate.json
            """)

    @Flag(help: "Print without colour.") var noColor = false

    func run() async throws {
        let file = try StateFile(noColor: noColor)
        guard let bytes = try await file.reconciler.pullState() else {
            file.console.err("\(file.reconciler.backend.location) holds no state yet.")
            return
        }
        FileHandle.standardOutput.write(bytes)
    }
}
