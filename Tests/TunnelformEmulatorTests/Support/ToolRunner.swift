import Foundation

/// Runs the built `tunnelform` binary in a project folder, capturing status and output.
struct ToolRunner {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        var all: String { stdout + stderr }
    }

    var directory: URL
    var environment: [String: String] = [:]

    /// Runs off the cooperative pool, so a long apply does not hold one of its few threads.
    func run(_ arguments: [String]) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(arguments) })
            }
        }
    }

    private func runBlocking(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = Products.executable("tunnelform")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for name in env.keys where name.hasPrefix("ALIBABA_CLOUD_") || name.hasPrefix("ALICLOUD_") || name.hasPrefix("ALIBABACLOUD_") {
            env[name] = nil
        }
        env["NO_COLOR"] = "1"
        env["HOME"] = directory.path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so a full pipe cannot block the child.
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
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }
}
