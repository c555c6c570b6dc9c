import Foundation
import Testing
import TunnelformCore
@testable import TunnelformLab

/// The run folder of a real run, a planted symlink, and the leftovers of a killed run.
extension LabSuite {
    @Suite struct Security {
        static let input = LabFixture.input("security", [Tunnel(customerGateway: "gw-a"), Tunnel(customerGateway: "gw-b")])

        /// Every file holding a key (the configurations) is 0600, nothing is open to others, and
        /// the folders are 0700 (strongSwan makes its vici socket 0770: the folders keep it private).
        @Test func keptRunFilesArePrivate() async throws {
            let parent = try RunFolderTests.scratch()
            defer { try? FileManager.default.removeItem(atPath: parent) }
            let lines = LineCollector()
            let lab = Lab(environment: LabFixture.environment, keepFiles: true, workFolder: parent, progress: lines.add)
            let report = try await LabFixture.run("kept folder", Self.input, lab: lab)
            LabSuite.Runs.expectPassed(report)
            let folder = try #require(report.keptFolder)
            #expect(lines.all.contains("Keeping the configurations and daemon logs in \(folder)."))
            #expect(RunFolderTests.mode(parent) == 0o700 && RunFolderTests.mode(folder) == 0o700)
            var files: [String] = []
            let walker = FileManager.default.enumerator(atPath: folder)
            while let name = walker?.nextObject() as? String { files.append(name) }
            #expect(files.contains("tunnel1/cloud/swanctl.conf") && files.contains("tunnel2/customer/swanctl.conf"))
            #expect(files.contains("tunnel1/cloud/charon.log"))
            for name in files {
                let mode = RunFolderTests.mode("\(folder)/\(name)")
                var info = stat()
                #expect(lstat("\(folder)/\(name)", &info) == 0)
                if info.st_mode & S_IFMT == S_IFDIR {
                    #expect(mode == 0o700, "\(name) has mode \(String(mode, radix: 8))")
                } else if name.hasSuffix(".conf") || name.hasSuffix(".log") && name.contains("charon") {
                    #expect(mode == 0o600, "\(name) has mode \(String(mode, radix: 8))")
                }
                #expect(mode & 0o007 == 0, "\(name) has mode \(String(mode, radix: 8))")
            }
            let record = try #require(OwnerRecord(text: try String(contentsOfFile: "\(folder)/owner", encoding: .utf8)))
            #expect(record.kept && record.finished)
        }

        @Test func plantedSymlinkIsRefused() async throws {
            let base = try RunFolderTests.scratch()
            defer { try? FileManager.default.removeItem(atPath: base) }
            #expect(mkdir("\(base)/target", 0o700) == 0)
            #expect(symlink("\(base)/target", "\(base)/lab") == 0)
            let lab = Lab(environment: LabFixture.environment, workFolder: "\(base)/lab")
            await #expect(throws: LabError.unsafeFolder("\(base)/lab", "is a symbolic link")) { try await lab.run(Self.input) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(base)/target").isEmpty)
            #expect(try await LabFixture.leftovers(parent: "\(base)/target") == [])
        }

        /// What a SIGKILLed run leaves (a namespace with a process in it, a daemon started from
        /// its folder, the folder) is removed by the next run, which says so; a live run's are not.
        @Test func leftoversOfAKilledRunAreCleaned() async throws {
            let parent = try RunFolderTests.scratch()
            defer { try? FileManager.default.removeItem(atPath: parent) }
            let dead = try await Self.deadPid()
            let namespace = "tfl-\(dead)-1-c1"
            try await Command.check(LabFixture.environment.ip, ["netns", "add", namespace])
            let folder = "\(parent)/run-KILLED"
            #expect(mkdir(folder, 0o700) == 0)
            try OwnerRecord(pid: dead, startTime: 1, kept: false).text.write(toFile: "\(folder)/owner", atomically: false, encoding: .utf8)
            // A daemon in the namespace, and one that names the folder in its environment.
            let inside = try Self.sleeper(["netns", "exec", namespace, "/bin/sleep", "300"], environment: [:])
            let named = try Self.sleeper(["netns", "exec", namespace, "/bin/sleep", "301"],
                                         environment: ["STRONGSWAN_CONF": "\(folder)/tunnel1/cloud/strongswan.conf"])
            // A live process's folder must survive (pid 1 stands for another lab run that still runs).
            let live = RunFolder(path: "\(parent)/run-LIVE")
            #expect(mkdir(live.path, 0o700) == 0)
            try live.write(OwnerRecord(pid: 1, startTime: OwnerRecord.startTime(of: 1) ?? 0, kept: false).text, to: "owner")
            let lines = LineCollector()
            let lab = Lab(environment: LabFixture.environment, workFolder: parent, progress: lines.add)
            let report = try await LabFixture.run("after a killed run", Self.input, lab: lab)
            LabSuite.Runs.expectPassed(report)
            #expect(report.cleanedLeftovers.contains("removed namespace \(namespace)"))
            #expect(report.cleanedLeftovers.contains("removed folder \(folder)"))
            #expect(report.cleanedLeftovers.contains { $0.hasPrefix("stopped sleep (pid \(named.processIdentifier))") })
            #expect(lines.all.contains { $0.hasPrefix("Cleaned up after an earlier lab run that was killed: ") })
            for process in [inside, named] {
                for _ in 0..<100 where process.isRunning { try await Task.sleep(nanoseconds: 20_000_000) }
                #expect(!process.isRunning)
            }
            #expect(!FileManager.default.fileExists(atPath: folder))
            #expect(!(await LabNetwork.exists(namespace, ip: LabFixture.environment.ip)))
            #expect(FileManager.default.fileExists(atPath: live.path))
        }

        /// A pid that was just used and is gone.
        static func deadPid() async throws -> pid_t {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/true")
            try process.run()
            process.waitUntilExit()
            return process.processIdentifier
        }

        static func sleeper(_ arguments: [String], environment: [String: String]) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: LabFixture.environment.ip)
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            try process.run()
            // Only once `ip netns exec` has become the sleep it starts does the lab see a `sleep`.
            for _ in 0..<250 {
                let comm = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/comm", encoding: .utf8)) ?? ""
                if comm.hasPrefix("sleep") { break }
                Thread.sleep(forTimeInterval: 0.02)
            }
            return process
        }
    }
}

/// Progress lines of a run, collected from the lab's callback.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var add: @Sendable (String) -> Void { { [self] line in lock.withLock { lines.append(line) } } }
    var all: [String] { lock.withLock { lines } }
}
