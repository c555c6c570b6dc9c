import Foundation
import Testing
import TunnelformCore
import TunnelformTestSupport

/// `state pull`, `state push`, `state history` and `init --migrate-state` through the built binary,
/// on the local state file (the PostgreSQL backend's are in TunnelformPostgresTests).
@Suite("state pull, push, history and init, end to end")
struct StateTransferEndToEndTests {
    private func stateFile(_ project: AppliedProject) -> URL { project.folder.appendingPathComponent("tunnelform.state.json") }

    /// The applied state with its JSON changed by `edit`, written to `name` in the project.
    private func variant(of project: AppliedProject, _ name: String, _ edit: (inout [String: Any]) -> Void) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: stateFile(project))) as? [String: Any])
        edit(&object)
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: project.folder.appendingPathComponent(name))
        return name
    }

    @Test func pullPrintsTheStateByteForByte() throws {
        let project = try AppliedProject.make()
        let pulled = try project.run(["state", "pull"])
        #expect(pulled.status == 0, "\(pulled.all)")
        #expect(Data(pulled.stdout.utf8) == (try Data(contentsOf: stateFile(project))))
    }

    @Test func pushRefusesAnOlderSerialAndAnotherLineageUnlessForced() throws {
        let project = try AppliedProject.make()
        let before = try Data(contentsOf: stateFile(project))
        let serial = try StateStore.decode(before, path: "state").serial

        let older = try variant(of: project, "older.json") { $0["serial"] = serial - 1 }
        let refusedOlder = try project.run(["state", "push", older])
        #expect(refusedOlder.status == 1)
        #expect(refusedOlder.stderr.contains("older.json has serial \(serial - 1), but the state in tunnelform.state.json is already at serial \(serial)"))

        let foreign = try variant(of: project, "foreign.json") { $0["lineage"] = "another-lineage"; $0["serial"] = serial + 5 }
        let refusedForeign = try project.run(["state", "push", foreign])
        #expect(refusedForeign.status == 1)
        #expect(refusedForeign.stderr.contains("foreign.json has lineage another-lineage"))
        #expect(try Data(contentsOf: stateFile(project)) == before, "a refused push changed the state")

        let newer = try variant(of: project, "newer.json") { $0["serial"] = serial + 1 }
        let pushed = try project.run(["state", "push", newer])
        #expect(pushed.status == 0, "\(pushed.all)")
        #expect(pushed.stderr.contains("serial \(serial + 1) replaces serial \(serial)"))
        // Stored as given, byte for byte, and pulled back the same.
        let newerBytes = try Data(contentsOf: project.folder.appendingPathComponent(newer))
        #expect(try Data(contentsOf: stateFile(project)) == newerBytes)
        #expect(Data(try project.run(["state", "pull"]).stdout.utf8) == newerBytes)

        let forced = try project.run(["state", "push", "--force", foreign])
        #expect(forced.status == 0, "\(forced.all)")
        #expect(try StateStore.decode(Data(contentsOf: stateFile(project)), path: "state").lineage == "another-lineage")
        #expect(!FileManager.default.fileExists(atPath: stateFile(project).path + ".lock"))
    }

    @Test func pushRefusesAFileThatIsNotAState() throws {
        let project = try AppliedProject.make()
        try "{\"formatVersion\": 1}".write(to: project.folder.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        let outcome = try project.run(["state", "push", "broken.json"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("broken.json is not a valid Tunnelform state file"))
    }

    @Test func historyOfTheLocalFileSaysWhereTheHistoryIs() throws {
        let project = try AppliedProject.make()
        let outcome = try project.run(["state", "history"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("tunnelform.state.json keeps no history of its own: `git log -p tunnelform.state.json`"))
    }

    @Test func initOnTheLocalFileHasNothingToDo() throws {
        let project = try AppliedProject.make()
        let before = try Data(contentsOf: stateFile(project))
        let outcome = try project.run(["init", "--migrate-state"])
        #expect(outcome.status == 0, "\(outcome.all)")
        #expect(outcome.stdout.contains("The state is already in tunnelform.state.json; there is nothing to migrate."))
        #expect(try Data(contentsOf: stateFile(project)) == before)
    }

    @Test func aMissingBackendURLIsAConfigurationErrorNamingTheVariable() throws {
        let project = try AppliedProject.make()
        try "backend:\n  postgres:\n    url: {env: TF_TEST_NO_SUCH_URL}\n".write(
            to: project.folder.appendingPathComponent("tunnelform.yaml"), atomically: true, encoding: .utf8)
        let outcome = try project.run(["state", "pull"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("{env: TF_TEST_NO_SUCH_URL}"))
    }

    @Test func aURLWithItsPasswordInTunnelformYamlIsWarnedAbout() throws {
        let project = try AppliedProject.make()
        try "backend:\n  postgres:\n    url: postgres://tf:Sup3rSecretPw@127.0.0.1:1/tf\n    schema: Bad-Name\n".write(
            to: project.folder.appendingPathComponent("tunnelform.yaml"), atomically: true, encoding: .utf8)
        let outcome = try project.run(["validate"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("tunnelform.yaml:3:10: warning: the PostgreSQL URL's password is written in tunnelform.yaml"))
        #expect(outcome.stderr.contains("tunnelform.yaml:4:13: error: 'schema' must be a lowercase SQL name"))
        #expect(!outcome.all.contains("Sup3rSecretPw"))
    }
}
