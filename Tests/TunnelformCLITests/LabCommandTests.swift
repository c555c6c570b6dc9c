import Foundation
import Testing
import TunnelformLab
import TunnelformTestSupport

/// `tunnelform lab`, run as a process against the example manifests applied to the simulated
/// cloud. One run at a time: each starts four strongSwan daemons in four namespaces. Skipped
/// where the lab cannot run (not root, not Linux, strongSwan missing).
@Suite("tunnelform lab, run as a process", .serialized, .labExclusive,
       .enabled(if: LabEnvironment().unavailableReason == nil,
                Comment(rawValue: "the lab cannot run here: \(LabEnvironment().unavailableReason?.description ?? "")")))
struct LabCommandTests {
    static let address = "VpnConnection/shanghai-dc"

    @Test func generatedConfigurationPasses() throws {
        let project = try AppliedProject.make()
        let started = Date()
        let outcome = try project.run(["lab", Self.address])
        print(String(format: "lab %@: %.2fs", Self.address, Date().timeIntervalSince(started)))
        #expect(outcome.status == 0, "\(outcome.all)")
        let tunnels = try project.tunnels(Self.address)
        for tunnel in tunnels {
            #expect(outcome.stdout.contains("Tunnel \(tunnel.tunnel) (\(tunnel.id)): Phase 2 negotiations succeeded"), "\(outcome.stdout)")
        }
        #expect(outcome.stdout.contains("Lab passed:"))
        #expect(try Leftovers.find(pid: outcome.pid) == [])
    }

    @Test func wrongKeyInPeerConfigFails() throws {
        let project = try AppliedProject.make()
        let written = try project.run(["device-config", Self.address, "--output", "peer.conf"])
        try #require(written.status == 0, "\(written.stderr)")
        let peer = project.folder.appendingPathComponent("peer.conf")
        let lines = try String(contentsOf: peer, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let wrong = lines.map { $0.hasPrefix("    secret = ") ? #"    secret = "NotTheTunnelKey""# : String($0) }
        #expect(wrong.filter { $0.contains("NotTheTunnelKey") }.count == 2)
        try wrong.joined(separator: "\n").write(to: peer, atomically: true, encoding: .utf8)
        let outcome = try project.run(["lab", Self.address, "--peer-config", "peer.conf"])
        #expect(outcome.status == 1, "\(outcome.all)")
        let tunnels = try project.tunnels(Self.address)
        for tunnel in tunnels {
            #expect(outcome.stdout.contains("Tunnel \(tunnel.tunnel) (\(tunnel.id)): wrong pre-shared key"), "\(outcome.stdout)")
        }
        #expect(outcome.stdout.contains("Lab failed: tunnels 1 and 2 did not pass."))
        #expect(try Leftovers.find(pid: outcome.pid) == [])
    }

    /// Starts `tunnelform lab ARGS` in `project` and waits until every tunnel's daemons run (held
    /// up by `--hold`); output goes to files in the project.
    static func startHeld(_ project: AppliedProject, _ arguments: [String]) async throws -> (Process, [pid_t]) {
        let process = Process()
        process.executableURL = BinaryRunner.productsFolder.appendingPathComponent("tunnelform")
        process.arguments = ["lab", address, "--hold", "60"] + arguments
        process.currentDirectoryURL = project.folder
        for (name, set) in [("held.out", { process.standardOutput = $0 }), ("held.err", { process.standardError = $0 })]
            as [(String, (FileHandle) -> Void)] {
            let url = project.folder.appendingPathComponent(name)
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            set(try FileHandle(forWritingTo: url))
        }
        try process.run()
        var daemons: [pid_t] = []
        let deadline = Date().addingTimeInterval(60)
        // shanghai-dc has BGP: per tunnel charon-systemd, zebra and bgpd on each side.
        while process.isRunning, Date() < deadline, daemons.count < 12 {
            daemons = ["charon-systemd", "zebra", "bgpd"].flatMap { Leftovers.children(of: process.processIdentifier, named: $0) }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        #expect(daemons.count == 12, "two tunnels, two sides each, three daemons per side were expected to be running")
        return (process, daemons)
    }

    static func wait(_ process: Process, seconds: Double) async throws {
        let exit = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < exit { try await Task.sleep(nanoseconds: 20_000_000) }
    }

    /// Ctrl-C during `--hold` ends the hold: the results are printed, and nothing is left behind.
    @Test func interruptedHoldPrintsResults() async throws {
        let project = try AppliedProject.make()
        let (process, daemons) = try await Self.startHeld(project, [])
        let pid = process.processIdentifier
        #expect(try Leftovers.namespaces(pid: pid).count == 4)
        // Both tunnels' checks are done and their daemons held.
        let stderr = project.folder.appendingPathComponent("held.err")
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, (try String(contentsOf: stderr, encoding: .utf8)).components(separatedBy: "checks done").count < 3 {
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        process.interrupt()
        try await Self.wait(process, seconds: 20)
        #expect(!process.isRunning, "tunnelform lab did not end within 20 s of SIGINT")
        guard !process.isRunning else {
            process.terminate()
            return
        }
        let stdout = try String(contentsOf: project.folder.appendingPathComponent("held.out"), encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(stdout)")
        #expect(stdout.contains("Lab passed:"), "\(stdout)")
        #expect(stdout.contains("BGP session established, 1 prefix received"), "\(stdout)")
        let left = try Leftovers.find(pid: pid)
        #expect(left.isEmpty, "left behind: \(left)")
        for daemon in daemons { #expect(!Leftovers.isAlive(daemon), "daemon \(daemon) still runs") }
    }

    /// A run killed with SIGKILL leaves its namespaces, daemons and folder; the next run removes
    /// them, says so, and passes.
    @Test func nextRunCleansAfterAKilledRun() async throws {
        let project = try AppliedProject.make()
        let (process, daemons) = try await Self.startHeld(project, ["--keep"])
        let pid = process.processIdentifier
        kill(pid, SIGKILL)
        try await Self.wait(process, seconds: 10)
        #expect(try Leftovers.namespaces(pid: pid).count == 4)
        #expect(daemons.contains { Leftovers.isAlive($0) }, "the killed run's daemons were expected to outlive it")
        let outcome = try project.run(["lab", Self.address])
        #expect(outcome.status == 0, "\(outcome.all)")
        #expect(outcome.stderr.contains("Cleaned up after an earlier lab run that was killed: "), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("removed namespace tfl-\(pid)-"), "\(outcome.stderr)")
        // It was run with --keep: its folder stays, marked as no longer a live run's.
        #expect(outcome.stderr.contains("kept folder /run/tunnelform-lab/run-"), "\(outcome.stderr)")
        #expect(try Leftovers.find(pid: pid) == [])
        for daemon in daemons { #expect(!Leftovers.isAlive(daemon), "daemon \(daemon) of the killed run still runs") }
        #expect(try Leftovers.find(pid: outcome.pid) == [])
        // The kept folder was the test's own doing.
        let parent = "/run/tunnelform-lab"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        where ((try? String(contentsOfFile: "\(parent)/\(name)/owner", encoding: .utf8)) ?? "").hasPrefix("pid=\(pid) ") {
            try? FileManager.default.removeItem(atPath: "\(parent)/\(name)")
        }
    }

    /// Only the warnings about the connection under test are printed.
    @Test func warningsAboutOtherResourcesAreNotRepeated() throws {
        let project = try AppliedProject.make()
        let validate = try project.run(["validate"])
        let outcome = try project.run(["lab", Self.address])
        #expect(outcome.status == 0, "\(outcome.all)")
        let warnings = outcome.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        for warning in warnings { #expect(warning.contains("shanghai"), "\(warning)") }
        let others = validate.stderr.split(separator: "\n").filter { $0.contains("warning:") && !$0.contains("shanghai") }
        if !others.isEmpty {
            #expect(outcome.stderr.contains("about other resources not shown"), "\(outcome.stderr)")
        }
    }
}

/// What a `tunnelform lab` process (by pid) may have left: namespaces, host links, strongSwan
/// daemons, and temporary folders.
enum Leftovers {
    static let ip = LabEnvironment().ip

    static func find(pid: pid_t) throws -> [String] {
        var found = try namespaces(pid: pid).map { "namespace \($0)" }
        found += try output(ip, ["-o", "link", "show"]).split(separator: "\n").filter { $0.contains("tfl-") }.map { "link \($0)" }
        found += daemons(of: pid).map { "charon-systemd pid \($0)" }
        found += runFolders(of: pid).map { "folder \($0)" }
        return found
    }

    /// Run folders under /run/tunnelform-lab whose owner record names `pid` and that are not a
    /// finished kept run's.
    static func runFolders(of pid: pid_t) -> [String] {
        let parent = "/run/tunnelform-lab"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        return names.filter { name in
            guard let owner = try? String(contentsOfFile: "\(parent)/\(name)/owner", encoding: .utf8) else { return false }
            return owner.contains("pid=\(pid) ") && !owner.contains("finished=1")
        }
    }

    /// The lab's namespaces are named `tfl-PID-RUN-…`.
    static func namespaces(pid: pid_t) throws -> [String] {
        try output(ip, ["netns", "list"]).split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.hasPrefix("tfl-\(pid)-") }
    }

    /// Live daemons (charon-systemd, zebra, bgpd) started by lab process `pid`, found by the run
    /// folders their environment or command line name, so they are found even once orphaned.
    static func daemons(of pid: pid_t) -> [pid_t] {
        let folders = runFolders(of: pid).map { "/run/tunnelform-lab/\($0)/" }
        guard !folders.isEmpty else { return [] }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { candidate in
            guard isAlive(candidate) else { return false }
            let text = ["environ", "cmdline"].compactMap { FileManager.default.contents(atPath: "/proc/\(candidate)/\($0)") }
                .map { String(decoding: $0, as: UTF8.self) }.joined()
            return folders.contains { text.contains($0) }
        }
    }

    static func children(of pid: pid_t, named name: String) -> [pid_t] {
        let text = (try? output("/usr/bin/pgrep", ["-P", "\(pid)", "-x", name])) ?? ""
        return text.split(separator: "\n").compactMap { Int32($0) }
    }

    /// Running, and not an exited process waiting to be reaped.
    static func isAlive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    static func output(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
