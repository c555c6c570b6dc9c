import Foundation

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

/// A `Process` shared between the task awaiting it and the timer that may stop it. Process is not
/// Sendable; every use here is either before `run()` or a thread-safe query or signal.
final class ProcessBox: @unchecked Sendable {
    let process = Process()
}

/// Runs external programs (`ip`, `swanctl`, `ping`) without blocking the cooperative thread pool:
/// the caller suspends until the process ends. Output goes to files in a scratch folder of this
/// process, so a chatty program can never fill a pipe and stall.
enum Command {
    /// Holds the output files of running commands; removed by `removeScratchFolderIfEmpty()` and,
    /// on an interruption, by `LabResources`.
    static let scratchFolder = FileManager.default.temporaryDirectory.appendingPathComponent("tunnelform-lab-cmd-\(getpid())")

    static func removeScratchFolderIfEmpty() { _ = rmdir(scratchFolder.path) }

    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, timeout: Double = 30
    ) async throws -> CommandResult {
        await LabResources.shared.beginLaunch()
        defer { LabResources.shared.endLaunch() }
        let folder = scratchFolder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = UUID().uuidString
        let outURL = folder.appendingPathComponent(name + ".out")
        let errURL = folder.appendingPathComponent(name + ".err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        let box = ProcessBox()
        box.process.executableURL = URL(fileURLWithPath: executable)
        box.process.arguments = arguments
        if let environment {
            box.process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        box.process.standardInput = FileHandle.nullDevice
        box.process.standardOutput = outHandle
        box.process.standardError = errHandle
        let timedOut = TimeoutFlag()
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            box.process.terminationHandler = { _ in continuation.resume() }
            do {
                try box.process.run()
            } catch {
                box.process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            Task.detached {
                try? await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                guard box.process.isRunning else { return }
                timedOut.set()
                kill(box.process.processIdentifier, SIGKILL)
            }
        }
        try? outHandle.close()
        try? errHandle.close()
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return CommandResult(status: box.process.terminationStatus, stdout: stdout, stderr: stderr, timedOut: timedOut.value)
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
}

/// A flag set once, read after the process ended.
final class TimeoutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false

    func set() { lock.withLock { isSet = true } }
    var value: Bool { lock.withLock { isSet } }
}
