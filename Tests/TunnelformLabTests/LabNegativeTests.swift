import Testing
import TunnelformCore
@testable import TunnelformLab

/// A user's peer configuration that differs from the cloud side in one way must fail with the
/// matching diagnosis. Tunnel 1 is IKEv2, tunnel 2 IKEv1 main mode, so each check sees both.
extension LabSuite {
    @Suite struct Negative {
        static let input = LabFixture.input("negative", [
            Tunnel(customerGateway: "gw-a"),
            Tunnel(customerGateway: "gw-a", ike: IKEConfig(version: .ikev1)),
        ])

        static func peerConfig(replacing old: String, with new: String) throws -> String {
            let text = try StrongSwanConfig(input).swanctlConf()
            #expect(text.contains(old))
            return text.replacing(old, with: new)
        }

        static func run(_ label: String, replacing old: String, with new: String) async throws -> LabReport {
            let report = try await LabFixture.run(label, input, peerConfig: try peerConfig(replacing: old, with: new))
            #expect(report.tunnels.count == 2)
            #expect(!report.passed)
            return report
        }

        @Test func differentKey() async throws {
            let text = try Self.peerConfig(replacing: #"secret = "LabKey-1""#, with: #"secret = "NotTheKey""#)
                .replacing(#"secret = "Lab\\Key\"2""#, with: #"secret = "NotTheKey""#)
            let report = try await LabFixture.run("different key", Self.input, peerConfig: text)
            #expect(report.tunnels.map(\.diagnosis) == [.wrongPreSharedKey, .wrongPreSharedKey])
        }

        @Test func differentIKEProposal() async throws {
            let report = try await Self.run("different IKE proposal", replacing: "proposals = aes128-sha1-prfsha1-modp1024",
                                            with: "proposals = aes256-sha256-prfsha256-modp2048")
            let expected = LabDiagnosis.ikeProposalMismatch(onPremises: "aes256/sha256/group14", cloud: "aes/sha1/group2")
            #expect(report.tunnels.map(\.diagnosis) == [expected, expected])
        }

        @Test func differentESPProposal() async throws {
            let report = try await Self.run("different ESP proposal", replacing: "esp_proposals = aes128-sha1-modp1024",
                                            with: "esp_proposals = aes256-sha256-modp1024")
            let expected = LabDiagnosis.espProposalMismatch(onPremises: "aes256/sha256/group2", cloud: "aes/sha1/group2")
            #expect(report.tunnels.map(\.diagnosis) == [expected, expected])
            #expect(report.tunnels.allSatisfy { !$0.phase2Established })
        }

        @Test func onlyPFSGroupDiffers() async throws {
            let report = try await Self.run("different PFS group", replacing: "esp_proposals = aes128-sha1-modp1024",
                                            with: "esp_proposals = aes128-sha1-modp1536")
            #expect(report.tunnels.map(\.diagnosis) == [
                .pfsGroupMismatch(onPremises: "group5", cloud: "group2", atRekey: true),
                .pfsGroupMismatch(onPremises: "group5", cloud: "group2", atRekey: false),
            ])
            // IKEv2 negotiates the first CHILD_SA without PFS: it comes up and carries traffic, the rekey fails.
            #expect(report.tunnels[0].phase2Established && report.tunnels[0].trafficPassed && !report.tunnels[0].rekeyed)
            #expect(!report.tunnels[1].phase2Established)
        }

        @Test func aggressiveModeWhereTheCloudUsesMainMode() async throws {
            let text = try Self.peerConfig(replacing: "version = 1\n", with: "version = 1\n    aggressive = yes\n")
            let report = try await LabFixture.run("aggressive mode refused", Self.input, peerConfig: text)
            #expect(report.tunnels[0].passed)
            #expect(report.tunnels[1].diagnosis == .aggressiveModeRefused)
        }

        @Test func differentRemoteIdentity() async throws {
            let text = try Self.peerConfig(replacing: "      id = 198.18.0.1\n", with: "      id = cloud.example.com\n")
                .replacing("    id-2 = 198.18.0.1\n", with: "    id-2 = cloud.example.com\n")
            let report = try await LabFixture.run("identity mismatch", Self.input, peerConfig: text)
            #expect(report.tunnels[0].diagnosis
                == .identityMismatch("the on-premises side expects the cloud side to be 'cloud.example.com' but it is '198.18.0.1'"))
            #expect(report.tunnels[1].passed)
        }

        @Test func peerConfigWithoutTunnel2() async throws {
            let text = try StrongSwanConfig(Self.input).swanctlConf(tunnel: 1)
            let report = try await LabFixture.run("no tunnel 2 in peer config", Self.input, peerConfig: text)
            #expect(report.tunnels[0].passed)
            #expect(report.tunnels[1].diagnosis == .noConnectionForTunnel(gatewayIp: "198.18.0.2"))
        }
    }
}
