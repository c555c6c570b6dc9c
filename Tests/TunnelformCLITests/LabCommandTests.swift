import Foundation
import Testing
import TunnelformLab

/// `tunnelform lab`, run as a process against the example manifests applied to the simulated
/// cloud. One run at a time: each starts four strongSwan daemons in four namespaces. Skipped
/// where the lab cannot run (not root, not Linux, strongSwan missing).
@Suite("tunnelform lab, run as a process", .serialized,
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

    /// Ctrl-C while the daemons run (held up by `--hold`): the process ends by the signal and leaves
    /// nothing behind.
    @Test func interruptLeavesNothingBehind() async throws {
        let project = try AppliedProject.make()
        let process = Process()
        process.executableURL = BinaryRunner.productsFolder.appendingPathComponent("tunnelform")
        process.arguments = ["lab", Self.address, "--hold", "60"]
        process.currentDirectoryURL = project.folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        var daemons: [pid_t] = []
        let deadline = Date().addingTimeInterval(40)
        while process.isRunning, Date() < deadline, daemons.count < 4 {
            daemons = Leftovers.children(of: pid, named: "charon-systemd")
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        #expect(daemons.count == 4, "two tunnels, two daemons each, were expected to be running")
        #expect(try Leftovers.namespaces(pid: pid).count == 4)
        process.interrupt()
        let exit = Date().addingTimeInterval(20)
        while process.isRunning, Date() < exit { try await Task.sleep(nanoseconds: 20_000_000) }
        #expect(!process.isRunning, "tunnelform lab did not end within 20 s of SIGINT")
        guard !process.isRunning else {
            process.terminate()
            return
        }
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGINT
            || process.terminationStatus == 128 + SIGINT)
        let left = try Leftovers.find(pid: pid)
        #expect(left.isEmpty, "left behind: \(left)")
        for daemon in daemons { #expect(!Leftovers.isAlive(daemon), "charon-systemd \(daemon) still runs") }
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
        let temporary = FileManager.default.temporaryDirectory.path
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []
        found += folders.filter { $0.hasPrefix("tunnelform-lab-\(pid)-") || $0 == "tunnelform-lab-cmd-\(pid)" }.map { "folder \($0)" }
        return found
    }

    /// The lab's namespaces are named `tfl-PID-RUN-…`.
    static func namespaces(pid: pid_t) throws -> [String] {
        try output(ip, ["netns", "list"]).split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.hasPrefix("tfl-\(pid)-") }
    }

    /// Live charon-systemd processes started by lab process `pid`, found by their configuration
    /// path (`…/tunnelform-lab-PID-…/strongswan.conf`), so they are found even once orphaned.
    static func daemons(of pid: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { candidate in
            guard isAlive(candidate),
                  let command = try? String(contentsOfFile: "/proc/\(candidate)/comm", encoding: .utf8),
                  command.hasPrefix("charon"),
                  let environ = FileManager.default.contents(atPath: "/proc/\(candidate)/environ") else { return false }
            return String(decoding: environ, as: UTF8.self).contains("tunnelform-lab-\(pid)-")
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
