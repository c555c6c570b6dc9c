import Foundation
import Subprocess
import SystemPackage

/// One finished run of a program: exit status, both streams, and the process id it had.
public struct ProcessOutcome: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// To look for what the run left behind.
    public var pid: pid_t
    public var all: String { stdout + stderr }

    public init(status: Int32, stdout: String, stderr: String, pid: pid_t = 0) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.pid = pid
    }
}

public enum ProcessRun {
    /// Runs `executable` to its end with exactly `environment`, feeding `input` (or nothing) on stdin,
    /// with swift-subprocess: the caller suspends (no thread is held) while both streams are collected.
    public static func outcome(of executable: URL, _ arguments: [String], in directory: URL, environment: [String: String],
                               input: String? = nil) async throws -> ProcessOutcome {
        var variables: [Subprocess.Environment.Key: String] = [:]
        for (name, value) in environment {
            if let key = Subprocess.Environment.Key(rawValue: name) { variables[key] = value }
        }
        let result = try await Subprocess.run(
            .path(FilePath(executable.path)), arguments: Arguments(arguments), environment: .custom(variables),
            workingDirectory: FilePath(directory.path), input: .array(Array((input ?? "").utf8)),
            output: .bytes(limit: .max), error: .bytes(limit: .max))
        let status: Int32 = switch result.terminationStatus {
        case .exited(let code): code
        case .signaled(let signal): signal
        }
        return ProcessOutcome(status: status, stdout: String(decoding: result.standardOutput, as: UTF8.self),
                              stderr: String(decoding: result.standardError, as: UTF8.self), pid: result.processIdentifier.value)
    }

    /// The same, for synchronous callers, with Foundation's `Process`: swift-subprocess is async only,
    /// and blocking this thread on an async run would hold a thread of the cooperative pool (two on a
    /// two-core machine) while the run needs that pool to progress, so parallel tests could deadlock.
    /// Both pipes are read concurrently, so a chatty child can never block on a full one.
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String],
                           input: String? = nil) throws -> ProcessOutcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessOutcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                              stderr: String(decoding: errData, as: UTF8.self), pid: process.processIdentifier)
    }
}
