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
/// the caller suspends until the process ends. Output is read from pipes on Dispatch threads, so a
/// chatty program can never fill a pipe and stall, and nothing is written to a shared folder.
enum Command {
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, timeout: Double = 30
    ) async throws -> CommandResult {
        await LabResources.shared.beginLaunch()
        defer { LabResources.shared.endLaunch() }
        let box = ProcessBox()
        let outPipe = Pipe()
        let errPipe = Pipe()
        box.process.executableURL = URL(fileURLWithPath: executable)
        box.process.arguments = arguments
        if let environment {
            box.process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        box.process.standardInput = FileHandle.nullDevice
        box.process.standardOutput = outPipe
        box.process.standardError = errPipe
        let timedOut = TimeoutFlag()
        let output = CommandOutput()
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            let group = DispatchGroup()
            group.enter()
            box.process.terminationHandler = { _ in group.leave() }
            do {
                try box.process.run()
            } catch {
                box.process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            // The parent's copies of the write ends must close, or the reads below never end.
            try? outPipe.fileHandleForWriting.close()
            try? errPipe.fileHandleForWriting.close()
            for (pipe, isError) in [(outPipe, false), (errPipe, true)] {
                group.enter()
                DispatchQueue.global().async {
                    let data = pipe.fileHandleForReading.readDataToEndOfFile()
                    try? pipe.fileHandleForReading.close()
                    output.set(data, isError: isError)
                    group.leave()
                }
            }
            group.notify(queue: .global()) { continuation.resume() }
            Task.detached {
                try? await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                guard box.process.isRunning else { return }
                timedOut.set()
                kill(box.process.processIdentifier, SIGKILL)
            }
        }
        let (stdout, stderr) = output.texts
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

/// Both streams of a command, filled by their reading threads.
final class CommandOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    func set(_ data: Data, isError: Bool) { lock.withLock { if isError { err = data } else { out = data } } }
    var texts: (String, String) {
        lock.withLock { (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self)) }
    }
}
