import Testing
import TunnelformCore
@testable import TunnelformLab

/// Runs where both tunnels must come up, carry traffic and rekey.
extension LabSuite {
    @Suite struct Runs {
        @Test(arguments: ["beijing-office", "partner-link", "shanghai-dc"])
        func exampleManifest(_ name: String) async throws {
            let report = try await LabFixture.run(name, try LabFixture.example(name))
            Self.expectPassed(report)
        }

        @Test(arguments: OptionRun.all)
        func optionSpace(_ run: OptionRun) async throws {
            let input = LabFixture.input(run.name, run.tunnels, routing: run.routing, effectImmediately: run.effectImmediately)
            let report = try await LabFixture.run(run.name, input)
            Self.expectPassed(report)
        }

        @Test func generatedConfigGivenAsPeerConfig() async throws {
            let input = try LabFixture.example("shanghai-dc")
            let text = try StrongSwanConfig(input).swanctlConf()
            Self.expectPassed(try await LabFixture.run("shanghai-dc as peer config", input, peerConfig: text))
        }

        static func expectPassed(_ report: LabReport, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            #expect(report.tunnels.count == 2, sourceLocation: sourceLocation)
            for tunnel in report.tunnels {
                #expect(tunnel.status == "Phase 2 negotiations succeeded", "tunnel \(tunnel.index)", sourceLocation: sourceLocation)
                #expect(tunnel.trafficPassed && tunnel.rekeyed, "tunnel \(tunnel.index)", sourceLocation: sourceLocation)
            }
            #expect(report.passed, sourceLocation: sourceLocation)
        }
    }
}

/// The option runs together use every value of every setting: checked without running them.
@Suite struct LabOptionCoverageTests {
    static var tunnels: [Tunnel] { OptionRun.all.flatMap(\.tunnels) }

    @Test func everyAlgorithmValueAppears() {
        let tunnels = Self.tunnels
        #expect(Set(tunnels.map(\.ike.version)) == Set(IKEVersion.allCases))
        #expect(Set(tunnels.map(\.ike.mode)) == Set(IKEMode.allCases))
        #expect(Set(tunnels.map(\.ike.encryption)) == Set(EncryptionAlgorithm.allCases))
        #expect(Set(tunnels.map(\.ike.authentication)) == Set(AuthenticationAlgorithm.allCases))
        #expect(Set(tunnels.map(\.ike.dhGroup)) == Set(DHGroup.allCases))
        #expect(Set(tunnels.map(\.ipsec.encryption)) == Set(EncryptionAlgorithm.allCases))
        #expect(Set(tunnels.map(\.ipsec.authentication)) == Set(AuthenticationAlgorithm.allCases))
        #expect(Set(tunnels.map(\.ipsec.dhGroup)) == Set(PFSGroup.allCases))
    }

    @Test func everyVersionAndModePairAppears() {
        let pairs = Set(Self.tunnels.map { "\($0.ike.version.rawValue)-\($0.ike.mode.rawValue)" })
        #expect(pairs == ["ikev1-main", "ikev1-aggressive", "ikev2-main", "ikev2-aggressive"])
    }

    @Test func optionRunsAreValidManifests() {
        for run in OptionRun.all {
            let input = LabFixture.input(run.name, run.tunnels, routing: run.routing, effectImmediately: run.effectImmediately)
            #expect(throws: Never.self) { try input.resolvedTunnels() }
        }
    }
}
