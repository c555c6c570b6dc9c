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

        @Test func noSecretForTheTunnelsIdentities() async throws {
            let text = try Self.peerConfig(replacing: "    id-1 = 203.0.113.10\n    id-2 = 198.18.0.1\n",
                                           with: "    id-1 = 203.0.113.99\n    id-2 = 198.18.0.99\n")
                .replacing("    id-1 = 203.0.113.10\n    id-2 = 198.18.0.2\n", with: "    id-1 = 203.0.113.99\n    id-2 = 198.18.0.98\n")
            let report = try await LabFixture.run("no shared key", Self.input, peerConfig: text)
            #expect(report.tunnels.map(\.diagnosis) == [
                .noSharedKey(onPremisesId: "203.0.113.10", cloudId: "198.18.0.1"),
                .noSharedKey(onPremisesId: "203.0.113.10", cloudId: "198.18.0.2"),
            ])
        }

        @Test func prfDiffersFromIntegrity() async throws {
            let report = try await Self.run("PRF differs", replacing: "proposals = aes128-sha1-prfsha1-modp1024",
                                            with: "proposals = aes128-sha1-prfsha256-modp1024")
            let expected = LabDiagnosis.prfMismatch(onPremisesPRF: "sha256", onPremisesIntegrity: "sha1", cloud: "sha1")
            #expect(report.tunnels.map(\.diagnosis) == [expected, expected])
        }

        @Test func extendedSequenceNumbersOffered() async throws {
            let report = try await Self.run("ESN offered", replacing: "esp_proposals = aes128-sha1-modp1024",
                                            with: "esp_proposals = aes128-sha1-modp1024-esn")
            #expect(report.tunnels.map(\.diagnosis) == [.esnOffered(onPremises: "aes/sha1/esn"), .esnOffered(onPremises: "aes/sha1/esn")])
        }

        /// IKEv1 Main Mode (tunnel 2) with a wrong remote id while both tunnels' keys are loaded:
        /// an identity mismatch, not a wrong key.
        @Test func mainModeWrongRemoteIdWithSeveralKeys() async throws {
            let text = try Self.peerConfig(replacing: "      id = 198.18.0.2\n", with: "      id = cloud.example.com\n")
            let report = try await LabFixture.run("IKEv1 main, wrong remote id, two keys", Self.input, peerConfig: text)
            #expect(report.tunnels[0].passed)
            guard case .identityMismatch(let detail) = report.tunnels[1].diagnosis else {
                Issue.record("expected an identity mismatch, got \(String(describing: report.tunnels[1].diagnosis))")
                return
            }
            #expect(detail.contains("'cloud.example.com'") && detail.contains("'198.18.0.2'"), "\(detail)")
        }

        /// Protected data flows: the device's own network is not the connection's remoteNetworks.
        @Test func trafficSelectorsNotAccepted() async throws {
            let input = LabFixture.input("flows", [
                Tunnel(customerGateway: "gw-a"),
                Tunnel(customerGateway: "gw-a", ike: IKEConfig(version: .ikev1)),
            ], routing: .protectedDataFlows)
            let generated = try StrongSwanConfig(input).swanctlConf()
            #expect(generated.contains("local_ts = 192.168.0.0/24,192.168.64.0/24"))
            let text = generated.replacing("local_ts = 192.168.0.0/24,192.168.64.0/24", with: "local_ts = 172.24.0.0/16")
            let report = try await LabFixture.run("TS_UNACCEPTABLE", input, peerConfig: text)
            // IKEv2 (tunnel 1) proposes both cloud networks; IKEv1 (tunnel 2) only one pair at a time.
            guard case .trafficSelectorMismatch(let local, _, let cloudLocal, let cloudRemote, false) = report.tunnels[0].diagnosis,
                  case .trafficSelectorMismatch(let local2, _, _, let cloudRemote2, false) = report.tunnels[1].diagnosis else {
                Issue.record("expected traffic selector mismatches, got \(report.tunnels.map(\.status))")
                return
            }
            #expect(local == ["172.24.0.0/16"] && local2 == ["172.24.0.0/16"])
            #expect(cloudLocal == ["10.10.0.0/16", "10.20.0.0/16"])
            #expect(cloudRemote == ["192.168.0.0/24", "192.168.64.0/24"] && cloudRemote2.contains("192.168.0.0/24"))
            #expect(report.tunnels[0].status.hasPrefix("traffic selector mismatch (TS_UNACCEPTABLE): the on-premises side proposed 172.24.0.0/16"))
        }

        /// The cloud side initiates (the device waits, start_action = none) and the key is wrong.
        @Test func wrongKeyWhenTheCloudInitiates() async throws {
            let text = try Self.peerConfig(replacing: #"secret = "LabKey-1""#, with: #"secret = "NotTheKey""#)
                .replacing(#"secret = "Lab\\Key\"2""#, with: #"secret = "NotTheKey""#)
                .replacing("start_action = start", with: "start_action = none")
            let report = try await LabFixture.run("wrong key, cloud initiates", Self.input, peerConfig: text)
            #expect(report.tunnels.map(\.initiator) == [.cloud, .cloud])
            #expect(report.tunnels.map(\.diagnosis) == [.wrongPreSharedKey, .wrongPreSharedKey])
        }
    }
}
