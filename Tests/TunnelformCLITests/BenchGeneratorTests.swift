import Foundation
import Testing
import TunnelformBench
import TunnelformCore
import TunnelformTestSupport

/// `tunnelform-bench generate`: the projects the benchmarks measure are valid and, with
/// `--applied`, already reconciled.
@Suite("benchmark project generator")
struct BenchGeneratorTests {
    @Test func generatedManifestsValidateWithTheWholeMix() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try ProjectGenerator(connections: 240, keyedPercent: 20, authKeyPercent: 10, connectionsPerFile: 25)
            .write(to: folder.path)

        let loaded = ManifestCheck.run(folder: folder.appendingPathComponent("manifests").path, resolver: SecretResolver(environment: [:]))
        let errors = loaded.diagnostics.errors
        #expect(errors.isEmpty, "\(errors.prefix(5))")

        let connections = loaded.model.connections.map(\.value)
        #expect(connections.count == 240)
        #expect(loaded.model.customerGateways.count == 240)
        #expect(Set(connections.map(\.region)).count == ProjectGenerator.defaultRegions.count)
        #expect(loaded.files.count == written.manifestFiles && written.manifestFiles > ProjectGenerator.defaultRegions.count)
        #expect(connections.contains { $0.bgp.enabled })
        #expect(connections.contains { $0.routingMode == .protectedDataFlows })
        #expect(connections.contains { !$0.bind.isCurrentAccount })
        #expect(connections.contains { $0.gatewayType == .private })
        #expect(connections.contains { $0.tunnels[0].customerGateway != $0.tunnels[1].customerGateway })
        #expect(loaded.secrets.count == written.keyFiles && written.keyFiles > 0)
        #expect(loaded.secrets.slots.contains { $0.kind == .bgpAuthKey })
    }

    @Test func sameSizeWritesTheSameProject() throws {
        let first = try BinaryRunner.temporaryFolder(), second = try BinaryRunner.temporaryFolder()
        defer { for folder in [first, second] { try? FileManager.default.removeItem(at: folder) } }
        for folder in [first, second] { try ProjectGenerator(connections: 30, keyedPercent: 50).write(to: folder.path) }
        for path in ["manifests/cn-hangzhou/part-000.yaml", "manifests/cn-hangzhou/keys/site-00000-tunnel1.psk"] {
            let a = try String(contentsOf: first.appendingPathComponent(path), encoding: .utf8)
            let b = try String(contentsOf: second.appendingPathComponent(path), encoding: .utf8)
            #expect(a == b, "\(path)")
        }
    }

    @Test func appliedProjectPlansNoChanges() throws {
        let folder = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let generator = BinaryRunner(executable: "tunnelform-bench", directory: folder)
        let generated = try generator.run(["generate", "--connections", "40", "--out", folder.path, "--applied", "--keyed-percent", "10"])
        try #require(generated.status == 0, "\(generated.all)")
        for file in ["tunnelform.yaml", "tunnelform.state.json", ".tunnelform/simulated-cloud.json"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file)")
        }
        let plan = try BinaryRunner(directory: folder).run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.all)")
        #expect(plan.all.contains("No changes"), "\(plan.all)")
    }
}
