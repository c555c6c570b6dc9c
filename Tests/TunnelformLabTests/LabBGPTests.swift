import Foundation
import Testing
import TunnelformCore
@testable import TunnelformLab

/// BGP over both tunnels with FRR on each side, and each way the device's BGP can be wrong.
/// Skipped with the rest of the lab where it cannot run; needs FRR (`apt-get install frr`).
extension LabSuite {
    @Suite(.enabled(if: LabFixture.environment.missingFRR.isEmpty, "FRR is not installed (apt-get install frr)"))
    struct BGP {
        /// shanghai-dc: two customer gateways, one with a BGP auth key.
        static func input() throws -> DeviceConfigInput {
            var input = try LabFixture.example("shanghai-dc")
            input.bgpAuthKeys = ["shanghai-edge-1": "Bgp-Key_1"]
            return input
        }

        static func frr(replacing old: String, with new: String) throws -> String {
            let text = try #require(try StrongSwanConfig(try Self.input()).frrBGPConf())
            #expect(text.contains(old), "\(old)")
            return text.replacing(old, with: new)
        }

        @Test func establishedWithRoutesOnBothTunnels() async throws {
            let input = try Self.input()
            let generated = try #require(try StrongSwanConfig(input).frrBGPConf())
            #expect(generated.contains(" neighbor 169.254.10.1 password Bgp-Key_1"))
            let report = try await LabFixture.run("BGP", input)
            LabSuite.Runs.expectPassed(report)
            for tunnel in report.tunnels {
                #expect(tunnel.bgp?.established == true, "tunnel \(tunnel.index)")
                #expect(tunnel.bgp?.prefixesReceived == 1 && tunnel.bgp?.prefixesSent == 1, "tunnel \(tunnel.index)")
                #expect(tunnel.bgp?.learnedPrefix == "100.64.1.0/24")
                #expect(tunnel.testedHosts == ["100.64.2.1 → 100.64.1.1"])
            }
        }

        /// The device's own prefixes (from its network statements) are where the lab's hosts go.
        @Test func peerFRRWithItsOwnNetworks() async throws {
            let text = try Self.frr(replacing: "  ! network <a data-center prefix to advertise>", with: "  network 172.24.0.0/16")
            let lab = Lab(environment: LabFixture.environment, peerFRR: text)
            let report = try await LabFixture.run("BGP, own networks", try Self.input(), lab: lab)
            LabSuite.Runs.expectPassed(report)
            #expect(report.tunnels.map(\.testedHosts) == [["172.24.0.1 → 100.64.1.1"], ["172.24.0.1 → 100.64.1.1"]])
        }

        @Test func wrongRemoteAs() async throws {
            let text = try Self.frr(replacing: "remote-as 45104", with: "remote-as 45105")
            let report = try await LabFixture.run("BGP wrong remote-as", try Self.input(), lab: Lab(environment: LabFixture.environment, peerFRR: text))
            #expect(report.tunnels.map(\.diagnosis) == [.bgpWrongRemoteAs(configured: "45105", cloud: "45104"),
                                                       .bgpWrongRemoteAs(configured: "45105", cloud: "45104")])
            #expect(report.tunnels.allSatisfy { $0.phase2Established && !$0.trafficPassed })
        }

        @Test func wrongNeighborAddress() async throws {
            let text = try Self.frr(replacing: "neighbor 169.254.11.1", with: "neighbor 169.254.11.3")
            let report = try await LabFixture.run("BGP wrong neighbor", try Self.input(), lab: Lab(environment: LabFixture.environment, peerFRR: text))
            #expect(report.tunnels[0].passed)
            #expect(report.tunnels[1].diagnosis == .bgpWrongNeighbor(cloudBgpIp: "169.254.11.1", configured: ["169.254.11.3"]))
        }

        @Test func authKeyMissingOnTheDevice() async throws {
            let text = try Self.frr(replacing: " neighbor 169.254.10.1 password Bgp-Key_1\n", with: "")
            let report = try await LabFixture.run("BGP auth key missing", try Self.input(), lab: Lab(environment: LabFixture.environment, peerFRR: text))
            guard case .bgpAuthKeyMismatch(let detail) = report.tunnels[0].diagnosis else {
                Issue.record("expected an auth key mismatch, got \(report.tunnels[0].status)")
                return
            }
            #expect(detail.contains("no password"))
            #expect(!report.tunnels[0].status.contains("Bgp-Key_1"))
            #expect(report.tunnels[1].passed)
        }

        /// The device refuses every route the cloud sends: no route over the tunnel.
        @Test func noRoutesAccepted() async throws {
            let text = try Self.frr(replacing: "  neighbor 169.254.10.1 activate\n",
                                    with: "  neighbor 169.254.10.1 activate\n  neighbor 169.254.10.1 route-map NONE in\n")
                + "route-map NONE deny 10\nexit\n"
            let report = try await LabFixture.run("BGP no routes", try Self.input(), lab: Lab(environment: LabFixture.environment, peerFRR: text))
            guard case .bgpNoRoutes(let detail) = report.tunnels[0].diagnosis else {
                Issue.record("expected no routes, got \(report.tunnels[0].status)")
                return
            }
            #expect(detail.contains("received no prefix from the cloud side"))
            #expect(report.tunnels[0].bgp?.established == true)
            #expect(report.tunnels[1].passed)
        }
    }
}

/// FRR configurations read back: blocks, neighbors, networks, one block kept.
@Suite struct FRRConfigFactsTests {
    @Test func readsBlocksAndKeepsOne() throws {
        let text = """
            router bgp 65010
             neighbor 169.254.10.1 remote-as 45104
             neighbor 169.254.10.1 password k1
             address-family ipv4 unicast
              ! network <a data-center prefix to advertise>
             exit-address-family
            exit
            router bgp 65010
             neighbor 169.254.11.1 remote-as 45104
             address-family ipv4 unicast
              network 10.1.0.0/16
             exit-address-family
            exit
            """
        let facts = FRRConfigFacts(text)
        #expect(facts.blocks.count == 2)
        let second = try #require(facts.block(asn: "65010", neighbor: "169.254.11.1"))
        #expect(second.networks == [IPv4Network("10.1.0.0/16")!])
        let first = try #require(facts.block(asn: "65010", neighbor: "169.254.10.1"))
        #expect(first.neighbors["169.254.10.1"] == FRRConfigFacts.Neighbor(remoteAs: "45104", password: "k1"))
        let kept = facts.text(keeping: first, adding: [IPv4Network("100.64.2.0/24")!])
        #expect(kept.contains("  network 100.64.2.0/24"))
        #expect(!kept.contains("169.254.11.1"))
        #expect(FRRConfigFacts(kept).blocks.count == 1)
    }
}
