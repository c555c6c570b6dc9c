import ArgumentParser
import Foundation
import TunnelformCore

/// `tunnelform state push FILE`: replace the backend's state with a file, newer serials of the same
/// lineage only unless forced.
struct StatePushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push", abstract: "Replace the backend's state with a state file.",
        discussion: """
            Refused unless the file has the same lineage as the backend's state and a newer serial
            (an empty backend takes any state); --force replaces it anyway. The file is stored byte
            for byte, under the lock.

            Example:
              tunnelform state push tunnelform.state.json
            """)

    @Argument(help: "The state file to push.") var file: String
    @Flag(help: "Push even another lineage or an older serial.") var force = false
    @Flag(help: "Print without colour.") var noColor = false
    @OptionGroup var lock: LockOptions

    func run() async throws {
        let state = try StateFile(noColor: noColor, editing: true)
        defer { state.interrupts?.stop() }
        guard let bytes = FileManager.default.contents(atPath: file) else { throw CommandError("\(file) cannot be read") }
        let encoded: EncodedState
        do { encoded = try EncodedState(bytes: bytes, source: file) } catch { throw CommandError("\(error)") }
        let pushed = try await state.reconciler.pushState(encoded, source: file, force: force, lockTimeout: try lock.timeout())
        let previous = pushed.previousSerial.map { "serial \($0)" } ?? "no state"
        state.console.err("Pushed \(file) to \(pushed.location): serial \(pushed.serial) replaces \(previous).")
    }
}
