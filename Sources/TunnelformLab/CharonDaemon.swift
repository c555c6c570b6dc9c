import Foundation

/// One `charon-systemd` inside a network namespace, a child of this process, driven with
/// `swanctl` over its private vici socket.
final class CharonDaemon: @unchecked Sendable {
    let side: String
    let namespace: String
    let settings: CharonSettings
    let environment: LabEnvironment
    private let box = ProcessBox()
    private var started = false

    let folder: RunFolder

    init(side: String, namespace: String, folder: RunFolder, environment: LabEnvironment, installRoutes: Bool = true) {
        self.side = side
        self.namespace = namespace
        self.folder = folder
        settings = CharonSettings(folder: folder.path, installRoutes: installRoutes)
        self.environment = environment
    }

    /// Writes strongswan.conf, starts the daemon and waits until `swanctl --stats` answers.
    /// The daemon runs with umask 077, so its log and socket are private too.
    func start() async throws {
        try folder.write(settings.text, to: "strongswan.conf")
        await LabResources.shared.beginLaunch()
        var launching = true
        defer { if launching { LabResources.shared.endLaunch() } }
        try folder.write("", to: "charon.stdout")
        let output = "\(settings.folder)/charon.stdout"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        let process = box.process
        process.executableURL = URL(fileURLWithPath: environment.ip)
        process.arguments = ["netns", "exec", namespace, "/bin/sh", "-c", "umask 077 && exec \"$0\"", environment.charon]
        process.environment = ProcessInfo.processInfo.environment.merging(["STRONGSWAN_CONF": settings.configPath]) { _, new in new }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        started = true
        LabResources.shared.add(daemon: process.processIdentifier)
        LabResources.shared.endLaunch()
        launching = false
        try? handle.close()
        for _ in 0..<200 {
            guard process.isRunning else { break }
            if try await swanctl(["--stats"], timeout: 5).succeeded { return }
            try await Task.sleep(nanoseconds: 25_000_000)
        }
        let log = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        throw LabError.daemonDidNotStart(side, process.isRunning ? "no answer on \(settings.socketURI) after 5 s" : log)
    }

    /// Runs `swanctl` against this daemon.
    func swanctl(_ arguments: [String], timeout: Double = 30) async throws -> CommandResult {
        try await Command.run(environment.swanctl, arguments + ["--uri", settings.socketURI],
                              environment: ["STRONGSWAN_CONF": settings.configPath], timeout: timeout)
    }

    /// The daemon's log so far.
    var log: String { (try? String(contentsOfFile: settings.logPath, encoding: .utf8)) ?? "" }

    /// SIGTERM, wait up to 3 s, then SIGKILL and wait again: the daemon is gone when this returns.
    func stop() async {
        guard started else { return }
        let process = box.process
        let pid = process.processIdentifier
        if process.isRunning { kill(pid, SIGTERM) }
        for round in 0..<2 {
            for _ in 0..<150 where process.isRunning {
                try? await Task.sleep(nanoseconds: 20_000_000)
            }
            if !process.isRunning { break }
            if round == 0 { kill(pid, SIGKILL) }
        }
        if !process.isRunning { LabResources.shared.remove(daemon: pid) }
    }
}
