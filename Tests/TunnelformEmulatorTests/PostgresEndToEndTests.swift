import Foundation
import Testing
import TunnelformCore
import TunnelformTestSupport

/// Shared state in a real PostgreSQL, through the `tunnelform` binary: several project folders (as
/// several machines or CI runners would) apply to one emulated cloud and one workspace. Skipped, with
/// the reason, only where PostgreSQL is not installed.
@Suite("shared state on PostgreSQL, end to end", .serialized,
       .enabled(if: PostgresServer.unavailableReason == nil, "\(PostgresServer.unavailableReason ?? "")"))
struct PostgresEndToEndTests {
    /// A new database on the shared test server, and its URL (password included, as a CI secret holds it).
    private static func database() throws -> (server: PostgresServer, name: String, url: String) {
        let server = try PostgresServer.shared()
        let name = try server.createDatabase("e2e")
        return (server, name, server.url(database: name, query: "sslmode=disable"))
    }

    /// `state history --json`, oldest first.
    private static func history(_ project: SharedStateProject) async throws -> [StateRevision] {
        let outcome = try await project.run("state", "history", "--json", "--limit", "100000")
        try #require(outcome.status == 0, "\(outcome.all)")
        return try CanonicalJSON.decode([StateRevision].self, from: Data(outcome.stdout.utf8)).reversed()
    }

    /// The serials run 1, 2, 3… with none missing or written twice, and each holder's writes are one
    /// unbroken run: no two holders ever wrote in between each other.
    private static func expectOneHolderAtATime(_ revisions: [StateRevision]) {
        #expect(revisions.map(\.serial) == Array(1...max(1, revisions.count)), "\(revisions.map(\.serial))")
        var finished = Set<String>()
        var current: String?
        for revision in revisions {
            let holder = "\(revision.holder.host)/\(revision.holder.pid)/\(revision.holder.time)"
            if holder != current {
                #expect(!finished.contains(holder), "\(holder) wrote again after another holder")
                if let current { finished.insert(current) }
                current = holder
            }
        }
    }

    private static func mutatingCalls(_ stats: EmulatorStats) -> Int {
        stats.calls.filter { action, _ in !["Describe", "List", "Download"].contains { action.hasPrefix($0) } }.values.reduce(0, +)
    }

    /// Polls `state pull` until the apply running elsewhere has journalled calls and the cloud holds
    /// at least one connection: the moment to kill it or cut it off.
    private static func waitForCallsInFlight(_ project: SharedStateProject, emulator: EmulatorProcess) async throws {
        for _ in 0..<600 {
            let pulled = try await project.run("state", "pull")
            if !pulled.stdout.isEmpty, let state = try? StateStore.decode(Data(pulled.stdout.utf8), path: "pull"),
               !state.pendingOperations.isEmpty, !state.resources.isEmpty,
               try await emulator.inventories().values.contains(where: { !$0.connections.isEmpty }) {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the apply never had a call in flight")
    }

    @Test func twentyAppliesRacingFromTwentyFoldersConvergeOneHolderAtATime() async throws {
        let (server, _, url) = try Self.database()
        let emulator = try await EmulatorProcess.start(["--delays", "0.05"])
        let projects = try (0..<20).map { _ in try SharedStateProject(emulator: emulator, url: url, workspace: "race") }
        for project in projects { try project.cloud.generate(connections: 6, gateways: 3) }
        let outcomes = try await withThrowingTaskGroup(of: ToolRunner.Outcome.self) { group in
            for project in projects { group.addTask { try await project.runner.run(["apply", "--auto-approve", "--lock-timeout", "600s"]) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for outcome in outcomes { #expect(outcome.status == 0, "\(outcome.all)") }
        // 3 gateways, and per connection the connection, its attachment, association and propagation.
        #expect(outcomes.filter { $0.stdout.contains("Apply complete! 27 created") }.count == 1, "exactly one apply created the objects")
        #expect(outcomes.filter { $0.stdout.contains("No changes.") }.count == 19)

        let revisions = try await Self.history(projects[0])
        Self.expectOneHolderAtATime(revisions)
        #expect(try await projects[0].stateIds() == (try await projects[0].cloud.cloudIds()), "a duplicate or missing object in the cloud")
        var outputs = outcomes.map(\.all)
        for project in projects {
            let plan = try await project.run("plan", "--detailed-exitcode")
            #expect(plan.status == 0, "\(plan.all)")
            outputs.append(plan.all)
        }
        for output in outputs { #expect(!output.contains(server.password), "the database password appeared in an output") }
        #expect(await emulator.stop() == 0)
    }

    /// Two machines on one workspace with a 2-second lease, against an emulator whose asynchronous
    /// changes take a second; the first runs `apply ARGUMENTS` in the background and has calls in
    /// flight when this returns.
    private static func firstMachineMidApply(workspace: String, url: String, _ arguments: [String]) async throws
        -> (emulator: EmulatorProcess, first: SharedStateProject, second: SharedStateProject, running: LaunchedCommand)
    {
        let emulator = try await EmulatorProcess.start(["--delays", "1"])
        let first = try SharedStateProject(emulator: emulator, url: url, workspace: workspace, leaseSeconds: 2)
        let second = try SharedStateProject(emulator: emulator, url: url, workspace: workspace, leaseSeconds: 2)
        for project in [first, second] { try project.cloud.generate(connections: 6, gateways: 3) }
        let running = try first.launch(["apply", "--auto-approve"] + arguments)
        try await waitForCallsInFlight(second, emulator: emulator)
        return (emulator, first, second, running)
    }

    @Test func aHolderKilledMidApplyIsTakenOverAndItsJournalResumedWithoutDuplicates() async throws {
        let (_, _, url) = try Self.database()
        let (emulator, first, second, killed) = try await Self.firstMachineMidApply(workspace: "killed", url: url, ["--parallelism", "2"])
        kill(killed.pid, SIGKILL)
        #expect(await killed.wait(upTo: 10) != 0)
        let left = try StateStore.decode(Data(try await second.run("state", "pull").stdout.utf8), path: "pull")
        #expect(!left.pendingOperations.isEmpty, "the killed apply left no journal to resume")

        // Another machine: it waits for the lease to expire, takes the lock over and resumes.
        let resumed = try await second.run("apply", "--auto-approve", "--lock-timeout", "60s")
        #expect(resumed.status == 0, "\(resumed.all)")
        #expect(resumed.stderr.contains("took over the state lock left by tunnelform apply"), "\(resumed.all)")
        #expect(resumed.stderr.contains("(pid \(killed.pid) on "), "\(resumed.all)")
        #expect(try await second.stateIds() == (try await second.cloud.cloudIds()), "a duplicate or missing object in the cloud")
        for project in [first, second] {
            let plan = try await project.run("plan", "--detailed-exitcode")
            #expect(plan.status == 0, "\(plan.all)")
        }
        Self.expectOneHolderAtATime(try await Self.history(second))
        #expect(await emulator.stop() == 0)
    }

    @Test func aHolderWhoseConnectionIsCutStopsBeforeItsNextCallAndNothingOfItLandsAfterTheTakeover() async throws {
        let (server, database, url) = try Self.database()
        let (emulator, first, second, cut) = try await Self.firstMachineMidApply(workspace: "cut", url: url, ["--parallelism", "1"])
        #expect(try server.terminateSessions(database: database, applicationPrefix: "tunnelform lease ") == 1)
        let status = await cut.wait(upTo: 60)
        #expect(status != nil && status != 0, "the cut-off apply went on: \(cut.stderr)")
        #expect(cut.stderr.contains("failed: this run no longer holds the lock on postgres workspace cut: its database connection was lost"),
                "\(cut.stderr)")
        // Every call it made was one it saw completed: the operation that found the lease lost made none.
        let completed = cut.stderr.components(separatedBy: "\n").filter { $0.contains(": created ") }.count
        #expect(completed > 0)
        #expect(Self.mutatingCalls(try await emulator.stats()) == completed, "\(cut.stderr)")

        let resumed = try await second.run("apply", "--auto-approve", "--lock-timeout", "60s")
        #expect(resumed.status == 0, "\(resumed.all)")
        let revisions = try await Self.history(second)
        Self.expectOneHolderAtATime(revisions)
        let takeover = try #require(revisions.firstIndex { $0.holder.pid != cut.pid })
        #expect(!revisions[takeover...].contains { $0.holder.pid == cut.pid }, "a write of the cut-off apply landed after the takeover")
        #expect(try await second.stateIds() == (try await second.cloud.cloudIds()), "a duplicate or missing object in the cloud")
        #expect(try await first.run("plan", "--detailed-exitcode").status == 0)
        for output in [cut.stdout, cut.stderr, resumed.all] { #expect(!output.contains(server.password)) }
        #expect(await emulator.stop() == 0)
    }

    @Test func aLocalStateMigratesThenPullPushAndHistoryRoundTripByteForByte() async throws {
        let (server, _, url) = try Self.database()
        let emulator = try await EmulatorProcess.start()
        // Applied with the local state file first, as a project before it moves to shared state.
        let local = try AliCloudProject(emulator: emulator)
        try local.generate(connections: 2, gateways: 2)
        #expect(try await local.run("apply", "--auto-approve").status == 0)
        let localBytes = try Data(contentsOf: local.folder.appendingPathComponent("tunnelform.state.json"))
        let localState = try StateStore.decode(localBytes, path: "local")

        let shared = try SharedStateProject(emulator: emulator, url: url, workspace: "migrated")
        try FileManager.default.copyItem(at: local.folder.appendingPathComponent("tunnelform.state.json"),
                                         to: shared.folder.appendingPathComponent("tunnelform.state.json"))
        try shared.cloud.generate(connections: 2, gateways: 2)
        let migrated = try await shared.run("init", "--migrate-state")
        #expect(migrated.status == 0, "\(migrated.all)")
        #expect(migrated.stdout.contains("Copied tunnelform.state.json (serial \(localState.serial)) to postgres workspace migrated"))
        #expect(Data(try await shared.run("state", "pull").stdout.utf8) == localBytes)
        let again = try await shared.run("init", "--migrate-state")
        #expect(again.stdout.contains("already holds serial \(localState.serial) of this state"), "\(again.all)")

        // Refused: an older serial, another lineage. Accepted: a newer serial, stored as given.
        func write(_ name: String, _ edit: (inout [String: Any]) -> Void) throws -> String {
            var object = try #require(try JSONSerialization.jsonObject(with: localBytes) as? [String: Any])
            edit(&object)
            try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: shared.folder.appendingPathComponent(name))
            return name
        }
        let older = try await shared.run("state", "push", try write("older.json") { $0["serial"] = localState.serial - 1 })
        #expect(older.status == 1)
        #expect(older.stderr.contains("is already at serial \(localState.serial)"), "\(older.all)")
        let foreign = try await shared.run("state", "push", try write("foreign.json") { $0["lineage"] = "other"; $0["serial"] = 999 })
        #expect(foreign.status == 1)
        #expect(foreign.stderr.contains("has lineage other, but the state in postgres workspace migrated has lineage \(localState.lineage)"))
        let newerName = try write("newer.json") { $0["serial"] = localState.serial + 1 }
        let newer = try await shared.run("state", "push", newerName)
        #expect(newer.status == 0, "\(newer.all)")
        let newerBytes = try Data(contentsOf: shared.folder.appendingPathComponent(newerName))
        #expect(Data(try await shared.run("state", "pull").stdout.utf8) == newerBytes)

        // The plan reads the shared state (no lock) and finds nothing to do; apply writes the next serial.
        #expect(try await shared.run("plan", "--detailed-exitcode").status == 0)
        let table = try await shared.run("state", "history")
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("SERIAL  WRITTEN"))
        #expect(table.stdout.contains("tunnelform state push"))
        let revisions = try await Self.history(shared)
        #expect(revisions.map(\.serial) == [localState.serial, localState.serial + 1])
        #expect(revisions.map(\.holder.holder) == ["tunnelform init --migrate-state", "tunnelform state push"])

        let unlocked = try await shared.run("force-unlock")
        #expect(unlocked.status == 0)
        for output in [migrated.all, again.all, older.all, foreign.all, newer.all, table.all, unlocked.all] {
            #expect(!output.contains(server.password), "the database password appeared in an output")
        }
        #expect(await emulator.stop() == 0)
    }

    @Test func aWrongPasswordFailsWithTheCauseAndNeverThePassword() async throws {
        let (server, name, _) = try Self.database()
        let emulator = try await EmulatorProcess.start()
        let wrong = "Wr0ng-" + UUID().uuidString
        let url = "postgres://\(PostgresServer.user):\(wrong)@127.0.0.1:\(server.port)/\(name)?sslmode=disable"
        let project = try SharedStateProject(emulator: emulator, url: url, workspace: "w")
        try project.cloud.generate(connections: 1, gateways: 1)
        for arguments in [["plan"], ["apply", "--auto-approve"], ["state", "pull"], ["state", "history"], ["init"]] {
            let outcome = try await project.runner.run(arguments)
            #expect(outcome.status == 1, "\(arguments): \(outcome.all)")
            #expect(outcome.stderr.contains("authentication failed"), "\(arguments): \(outcome.all)")
            #expect(!outcome.all.contains(wrong), "\(arguments): the password appeared")
        }
        #expect(try await emulator.inventories().isEmpty)
        #expect(await emulator.stop() == 0)
    }
}
