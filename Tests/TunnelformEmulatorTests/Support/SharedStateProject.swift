import Foundation
import TunnelformCore
import TunnelformTestSupport

/// A project folder whose state lives in PostgreSQL (`backend: postgres:`), applying to an emulator
/// with the alicloud provider: one of several machines or CI runners sharing a workspace. The URL
/// is in the environment, as a CI secret would be.
struct SharedStateProject {
    let cloud: AliCloudProject
    let runner: ToolRunner

    init(emulator: EmulatorProcess, url: String, workspace: String, leaseSeconds: Int = 30) throws {
        cloud = try AliCloudProject(emulator: emulator)
        let config = cloud.folder.appendingPathComponent("tunnelform.yaml")
        let text = try String(contentsOf: config, encoding: .utf8) + """

            backend:
              postgres:
                url: {env: TUNNELFORM_POSTGRES_URL}
                workspace: \(workspace)
                leaseSeconds: \(leaseSeconds)

            """
        try text.write(to: config, atomically: true, encoding: .utf8)
        var environment = cloud.runner.environment
        environment["TUNNELFORM_POSTGRES_URL"] = url
        runner = ToolRunner(directory: cloud.folder, environment: environment)
    }

    var folder: URL { cloud.folder }

    func run(_ arguments: String...) async throws -> ToolRunner.Outcome { try await runner.run(arguments) }

    /// Starts `tunnelform ARGUMENTS` without waiting, its output in files of the folder, for tests
    /// that kill it or cut its connection while it runs.
    func launch(_ arguments: [String]) throws -> LaunchedCommand {
        let process = Process()
        process.executableURL = Products.executable("tunnelform")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        for name in environment.keys where name.hasPrefix("ALIBABA_CLOUD_") { environment[name] = nil }
        environment["NO_COLOR"] = "1"
        environment["HOME"] = folder.path
        for (key, value) in runner.environment { environment[key] = value }
        process.environment = environment
        let stdout = folder.appendingPathComponent("launched.stdout")
        let stderr = folder.appendingPathComponent("launched.stderr")
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        return LaunchedCommand(process: process, stdoutURL: stdout, stderrURL: stderr)
    }

    /// Every cloud id the state in the backend records, read with `state pull`.
    func stateIds() async throws -> Set<String> {
        let pulled = try await run("state", "pull")
        let state = try StateStore.decode(Data(pulled.stdout.utf8), path: "state pull")
        var ids = Set<String>()
        for resource in state.resources.values {
            if let gateway = resource.customerGateway { ids.insert(gateway.id) }
            if let connection = resource.connection {
                ids.insert(connection.id)
                if let attachment = connection.attachment { ids.insert(attachment.id) }
            }
        }
        return ids
    }
}

/// A `tunnelform` started in the background.
struct LaunchedCommand {
    let process: Process
    let stdoutURL: URL
    let stderrURL: URL

    var pid: Int32 { process.processIdentifier }
    var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// Waits, polling, for the process to end; returns its status (nil if still running at the deadline).
    func wait(upTo seconds: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        guard !process.isRunning else { return nil }
        return process.terminationStatus
    }
}
