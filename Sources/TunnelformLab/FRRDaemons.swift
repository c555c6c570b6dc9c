import Foundation

/// FRR's `zebra` and `bgpd` in one namespace, children of this process, with their sockets,
/// pid files and logs in a private run folder; queried with `vtysh --vty_socket`.
///
/// They run as root in the `frrvty` group (FRR refuses a vty group the user is not in) with
/// umask 077, no TCP vty (`-P 0`), and zebra installs the routes BGP learns into the namespace.
final class FRRDaemons: @unchecked Sendable {
    let namespace: String
    let folder: RunFolder
    let environment: LabEnvironment
    private var boxes: [ProcessBox] = []

    init(namespace: String, folder: RunFolder, environment: LabEnvironment) {
        self.namespace = namespace
        self.folder = folder
        self.environment = environment
    }

    var bgpLogPath: String { "\(folder.path)/bgpd.log" }
    var bgpLog: String { (try? String(contentsOfFile: bgpLogPath, encoding: .utf8)) ?? "" }

    /// Writes bgpd.conf, starts zebra then bgpd, and waits until bgpd answers on its vty socket.
    func start(bgpConfig: String) async throws {
        try folder.write("", to: "zebra.conf")
        try folder.write(bgpConfig, to: "bgpd.conf")
        try await launch(environment.zebra, name: "zebra")
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: "\(folder.path)/zserv.api") {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        try await launch(environment.bgpd, name: "bgpd")
        for _ in 0..<150 {
            if try await vtysh("show bgp summary json").succeeded {
                // FRR writes its pid files 0644 whatever the umask: nothing of the lab is for others.
                for name in ["zebra.pid", "bgpd.pid"] { _ = chmod("\(folder.path)/\(name)", 0o600) }
                return
            }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        let output = (try? String(contentsOfFile: "\(folder.path)/bgpd.out", encoding: .utf8)) ?? ""
        throw LabError.daemonDidNotStart("bgpd (\(namespace))", output)
    }

    private func launch(_ program: String, name: String) async throws {
        await LabResources.shared.beginLaunch()
        defer { LabResources.shared.endLaunch() }
        try folder.write("", to: "\(name).out")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(folder.path)/\(name).out"))
        defer { try? handle.close() }
        let box = ProcessBox()
        let path = folder.path
        box.process.executableURL = URL(fileURLWithPath: environment.ip)
        box.process.arguments = ["netns", "exec", namespace, "/bin/sh", "-c", "umask 077 && exec \"$0\" \"$@\"", program,
                                 "-u", "root", "-g", "frrvty", "-P", "0", "-i", "\(path)/\(name).pid",
                                 "-z", "\(path)/zserv.api", "--vty_socket", path, "-f", "\(path)/\(name).conf",
                                 "--log", "file:\(path)/\(name).log"]
        box.process.standardInput = FileHandle.nullDevice
        box.process.standardOutput = handle
        box.process.standardError = handle
        try box.process.run()
        boxes.append(box)
        LabResources.shared.add(daemon: box.process.processIdentifier)
    }

    /// Runs one vtysh command against this bgpd.
    func vtysh(_ command: String) async throws -> CommandResult {
        try await Command.run(environment.vtysh, ["--vty_socket", folder.path, "-d", "bgpd", "-c", command], timeout: 10)
    }

    /// The `show bgp neighbors ADDRESS json` object of one neighbor, nil when there is none.
    func neighbor(_ address: String) async throws -> [String: Any]? {
        let result = try await vtysh("show bgp neighbors \(address) json")
        guard result.succeeded, let data = result.stdout.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object[address] as? [String: Any]
    }

    /// SIGTERM to both, then SIGKILL to what still runs after 0.5 s (nothing of theirs needs
    /// to outlive the lab, and zebra takes seconds to shut down); gone when this returns.
    func stop() async {
        let processes = boxes.map(\.process)
        for process in processes where process.isRunning { kill(process.processIdentifier, SIGTERM) }
        for round in 0..<2 {
            for _ in 0..<(round == 0 ? 25 : 150) where processes.contains(where: \.isRunning) {
                try? await Task.sleep(nanoseconds: 20_000_000)
            }
            guard round == 0 else { break }
            for process in processes where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        for process in processes where !process.isRunning { LabResources.shared.remove(daemon: process.processIdentifier) }
    }
}
