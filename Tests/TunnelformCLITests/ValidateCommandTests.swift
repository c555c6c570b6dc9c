import Foundation
import Testing
import TunnelformTestSupport

@Suite("tunnelform validate and schema, run as processes")
struct ValidateCommandTests {
    @Test func examplesValidate() throws {
        let folder = try BinaryRunner.temporaryFolder()
        try BinaryRunner.copyExamples(to: folder)
        let outcome = try BinaryRunner(directory: folder).run(["validate"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Manifests are valid."))
        #expect(outcome.stderr.contains("0 error(s), 0 warning(s)"))
    }

    @Test func brokenFolderFailsWithPositionedMessages() throws {
        let folder = try BinaryRunner.temporaryFolder()
        let manifests = folder.appendingPathComponent("manifests")
        try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        try """
            kind: CustomerGateway
            name: dc1-edge
            region: cn-hangzhou
            ipAddress: 127.0.0.1
            ---
            kind: VpnConnection
            name: dc1
            region: cn-hangzhou
            bind: {currentAccount: {cenId: cen-1}}
            tunnels:
              - customerGateway: dc1-egde
                ike: {encription: aes}
            """.write(to: manifests.appendingPathComponent("dc1.yaml"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner(directory: folder).run(["validate"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("manifests/dc1.yaml:4:12: error: ipAddress 127.0.0.1 is in the loopback (127.0.0.0/8) range"))
        #expect(outcome.stderr.contains("manifests/dc1.yaml:11:22: error: tunnel 1 uses customer gateway 'dc1-egde', which is not declared (did you mean 'dc1-edge'?)"))
        #expect(outcome.stderr.contains("manifests/dc1.yaml:12:11: error: unknown key 'encription' in 'ike' (did you mean 'encryption'?)"))
        #expect(outcome.stderr.contains("manifests/dc1.yaml:11:3: error: a connection needs exactly 2 tunnels, found 1"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test func jsonOutputIsVersioned() throws {
        let folder = try BinaryRunner.temporaryFolder()
        let manifests = folder.appendingPathComponent("manifests")
        try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        try "kind: CustomerGateway\nname: x\nregion: r\nipAddress: 1.2.3\n".write(
            to: manifests.appendingPathComponent("x.yaml"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner(directory: folder).run(["validate", "--json"])
        #expect(outcome.status == 1)
        let document = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        #expect(document?["formatVersion"] as? Int == 1)
        #expect(document?["valid"] as? Bool == false)
        let diagnostics = document?["diagnostics"] as? [[String: Any]]
        #expect(diagnostics?.first?["line"] as? Int == 4)
        #expect(diagnostics?.first?["column"] as? Int == 12)
        #expect(diagnostics?.first?["file"] as? String == "manifests/x.yaml")
    }

    @Test func missingFolderIsAnError() throws {
        let folder = try BinaryRunner.temporaryFolder()
        let outcome = try BinaryRunner(directory: folder).run(["validate", "--manifests", "nowhere"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("nowhere"))
    }

    /// `manifests:` in tunnelform.yaml is where validate looks, as every other command does.
    @Test func theProjectConfigNamesTheFolder() throws {
        let folder = try BinaryRunner.temporaryFolder()
        let infra = folder.appendingPathComponent("infra")
        try FileManager.default.createDirectory(at: infra, withIntermediateDirectories: true)
        try "kind: CustomerGateway\nname: edge\nregion: cn-hangzhou\nipAddress: 127.0.0.1\n".write(
            to: infra.appendingPathComponent("gw.yaml"), atomically: true, encoding: .utf8)
        try "manifests: infra\n".write(to: folder.appendingPathComponent("tunnelform.yaml"), atomically: true, encoding: .utf8)
        let outcome = try BinaryRunner(directory: folder).run(["validate"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("infra/gw.yaml:4:12: error: ipAddress 127.0.0.1"), "\(outcome.stderr)")
    }

    @Test func committedSchemaMatchesTheCommand() throws {
        let outcome = try BinaryRunner(directory: BinaryRunner.packageRoot).run(["schema"])
        #expect(outcome.status == 0)
        let committed = try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("tunnelform.schema.json"), encoding: .utf8)
        #expect(outcome.stdout == committed, "tunnelform.schema.json is stale: run `swift run tunnelform schema > tunnelform.schema.json`")
    }

    @Test(arguments: ["validate", "schema", "plan", "apply", "destroy", "show", "graph", "force-unlock"])
    func helpShowsAnExample(_ command: String) throws {
        let outcome = try BinaryRunner(directory: BinaryRunner.packageRoot).run([command, "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Example:"))
    }

    /// The schema, checked by an independent validator (Python's jsonschema) against the examples
    /// and against structurally invalid manifests.
    @Test func schemaAgreesWithAnIndependentValidator() throws {
        let root = BinaryRunner.packageRoot
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("Tests/schema/check_schema.py").path,
                             root.appendingPathComponent("tunnelform.schema.json").path,
                             root.appendingPathComponent("manifests").path,
                             root.appendingPathComponent("Tests/schema/invalid").path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("3 valid files accepted"))
        #expect(text.contains("20 invalid files rejected"))
    }

    static let structurallyInvalid: [String] = {
        let folder = BinaryRunner.packageRoot.appendingPathComponent("Tests/schema/invalid")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    /// The manifests the schema rejects are rejected by `validate` too.
    @Test(arguments: structurallyInvalid)
    func validateRejectsWhatTheSchemaRejects(_ name: String) throws {
        let folder = try BinaryRunner.temporaryFolder()
        let manifests = folder.appendingPathComponent("manifests")
        try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: BinaryRunner.packageRoot.appendingPathComponent("Tests/schema/invalid/\(name)"),
                                         to: manifests.appendingPathComponent(name))
        let outcome = try BinaryRunner(directory: folder).run(["validate"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("manifests/\(name):"), "\(outcome.stderr)")
    }
}
