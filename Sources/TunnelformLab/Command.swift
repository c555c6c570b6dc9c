import Foundation
import Subprocess
import SystemPackage

/// The outcome of a finished command.
struct CommandResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool

    var succeeded: Bool { status == 0 && !timedOut }
    /// Both streams, for error messages.
    var output: String { [stdout, stderr].filter { !$0.isEmpty }.joined(separator: "\n") }
}

/// Runs external programs (`ip`, `swanctl`, `vtysh`) with swift-subprocess, without blocking the
/// cooperative thread pool: the caller suspends until the process ends. Both streams are read
/// concurrently, so a chatty program can never fill a pipe and stall; stdin is empty; nothing is
/// written to a shared folder.
enum Command {
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, timeout: Double = 30
    ) async throws -> CommandResult {
        await LabResources.shared.beginLaunch()
        defer { LabResources.shared.endLaunch() }
        let result = try await Subprocess.run(
            .path(FilePath(executable)), arguments: Arguments(arguments), environment: Self.environment(adding: environment),
            input: .none, output: .sequence, error: .sequence
        ) { execution in
            await Self.collect(execution, timeout: timeout)
        }
        let collected = result.closureResult
        return CommandResult(status: result.terminationStatus.code, stdout: String(decoding: collected.stdout, as: UTF8.self),
                             stderr: String(decoding: collected.stderr, as: UTF8.self), timedOut: collected.timedOut)
    }

    /// Runs a command and throws `LabError.commandFailed` unless it exits with 0.
    @discardableResult
    static func check(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                      timeout: Double = 30) async throws -> CommandResult {
        let result = try await run(executable, arguments, environment: environment, timeout: timeout)
        guard result.succeeded else {
            throw LabError.commandFailed(([executable] + arguments).joined(separator: " "), result.output)
        }
        return result
    }

    private struct Collected: Sendable {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var timedOut = false
    }

    private enum Piece: Sendable {
        case stdout([UInt8]), stderr([UInt8]), timedOut, timerStopped
    }

    /// Both streams to their end; SIGKILL once `timeout` seconds have passed. The kill goes through
    /// `execution`, which is valid (and the process not reaped yet) for as long as this runs, so it
    /// can never hit another process that got the same pid.
    private static func collect(_ execution: Execution<NoInput, SequenceOutput, SequenceOutput>, timeout: Double) async -> Collected {
        await withTaskGroup(of: Piece.self) { group in
            group.addTask { .stdout(await drain(execution.standardOutput)) }
            group.addTask { .stderr(await drain(execution.standardError)) }
            group.addTask {
                do { try await Task.sleep(for: .seconds(max(0, timeout))) } catch { return .timerStopped }
                try? execution.send(signal: .kill)
                return .timedOut
            }
            var collected = Collected()
            var open = 2
            while open > 0, let piece = await group.next() {
                switch piece {
                case .stdout(let bytes): collected.stdout = bytes; open -= 1
                case .stderr(let bytes): collected.stderr = bytes; open -= 1
                case .timedOut: collected.timedOut = true
                case .timerStopped: break
                }
            }
            group.cancelAll()
            return collected
        }
    }

    /// Everything a stream delivers until it ends (or fails: what came before is kept).
    private static func drain(_ stream: SubprocessOutputSequence) async -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            for try await buffer in stream { buffer.withUnsafeBytes { bytes.append(contentsOf: $0) } }
        } catch {}
        return bytes
    }

    /// This process's environment with `extra` set on top.
    private static func environment(adding extra: [String: String]?) -> Subprocess.Environment {
        guard let extra, !extra.isEmpty else { return .inherit }
        var updates: [Subprocess.Environment.Key: String?] = [:]
        for (name, value) in extra {
            if let key = Subprocess.Environment.Key(rawValue: name) { updates[key] = value }
        }
        return .inherit.updating(updates)
    }
}

extension TerminationStatus {
    /// The exit code, or the number of the signal that ended the process (as `Process` has it).
    var code: Int32 {
        switch self {
        case .exited(let code): code
        case .signaled(let signal): signal
        }
    }
}
