import Foundation
import Testing
import TunnelformCore
@testable import TunnelformLab

/// The cloud side behaves as the cloud: it initiates when the connection is effective
/// immediately, routes by destination to real subnets behind the device, and can sit across a NAT.
extension LabSuite {
    @Suite struct CloudSide {
        static let input = LabFixture.input("cloud", [
            Tunnel(customerGateway: "gw-a"),
            Tunnel(customerGateway: "gw-b", ike: IKEConfig(version: .ikev1)),
        ])

        static func generated(_ input: DeviceConfigInput = input) throws -> String { try StrongSwanConfig(input).swanctlConf() }

        /// A device that never initiates (start_action = none) comes up: the cloud side starts.
        @Test func cloudInitiatesForAWaitingDevice() async throws {
            let text = try Self.generated().replacing("start_action = start", with: "start_action = none")
            let report = try await LabFixture.run("cloud initiates", Self.input, peerConfig: text)
            LabSuite.Runs.expectPassed(report)
            #expect(report.tunnels.map(\.initiator) == [.cloud, .cloud])
        }

        /// Negotiation on traffic: the cloud waits; the device side starts.
        @Test func onTrafficTheDeviceInitiates() async throws {
            let input = LabFixture.input("on-traffic", [Tunnel(customerGateway: "gw-a"), Tunnel(customerGateway: "gw-b")],
                                         effectImmediately: false)
            let report = try await LabFixture.run("on traffic", input)
            LabSuite.Runs.expectPassed(report)
            #expect(report.tunnels.map(\.initiator) == [.onPremises, .onPremises])
        }

        /// Destination routing with the device's real subnets as narrowed selectors: the lab's
        /// hosts sit inside them, whoever initiates.
        @Test(arguments: ["start", "none"])
        func destinationRoutingWithRealSubnets(_ startAction: String) async throws {
            let text = try Self.generated()
                .replacing("local_ts = 0.0.0.0/0", with: "local_ts = 172.24.0.0/16")
                .replacing("remote_ts = 0.0.0.0/0", with: "remote_ts = 10.0.0.0/8")
                .replacing("start_action = start", with: "start_action = \(startAction)")
            let report = try await LabFixture.run("destination routing, real subnets (\(startAction))", Self.input, peerConfig: text)
            LabSuite.Runs.expectPassed(report)
            #expect(report.tunnels.map(\.testedHosts) == [["172.24.0.1 → 10.0.0.1"], ["172.24.0.1 → 10.0.0.1"]])
        }

        /// A device behind NAT (its own address is private, local_addrs = %any) negotiates
        /// through the lab's NAT with NAT traversal on; the generated file, which binds the
        /// customer gateway IP, is told why it cannot work there.
        @Test func behindNAT() async throws {
            let nat = Lab(environment: LabFixture.environment, behindNAT: true)
            let text = try Self.generated().replacing("local_addrs = 203.0.113.10", with: "local_addrs = %any")
                .replacing("local_addrs = 203.0.113.11", with: "local_addrs = %any")
            LabSuite.Runs.expectPassed(try await LabFixture.run("behind NAT", Self.input, peerConfig: text, lab: nat))
            let bound = try await LabFixture.run("behind NAT, generated", Self.input, lab: nat)
            #expect(bound.tunnels.map(\.diagnosis) == [.behindNATLocalAddress(configured: "203.0.113.10"),
                                                      .behindNATLocalAddress(configured: "203.0.113.11")])
        }

        /// NAT traversal off at the cloud: forced UDP encapsulation, or a NAT on the path, fails.
        @Test func natTraversalOff() async throws {
            let input = LabFixture.input("no-nat-t", [Tunnel(customerGateway: "gw-a", natTraversal: false),
                                                      Tunnel(customerGateway: "gw-b")])
            let forced = try Self.generated(input).replacing("encap = no", with: "encap = yes")
            let report = try await LabFixture.run("NAT-T off, encap forced", input, peerConfig: forced)
            guard case .natTraversalDisabled(let detail) = report.tunnels[0].diagnosis else {
                Issue.record("expected NAT traversal off, got \(report.tunnels[0].status)")
                return
            }
            #expect(detail.contains("encap = yes"))
            #expect(report.tunnels[1].passed)
            let nat = Lab(environment: LabFixture.environment, behindNAT: true)
            let any = try Self.generated(input).replacing("local_addrs = 203.0.113.10", with: "local_addrs = %any")
                .replacing("local_addrs = 203.0.113.11", with: "local_addrs = %any")
            let behind = try await LabFixture.run("NAT-T off, behind NAT", input, peerConfig: any, lab: nat)
            guard case .natTraversalDisabled(let why) = behind.tunnels[0].diagnosis else {
                Issue.record("expected NAT traversal off, got \(behind.tunnels[0].status)")
                return
            }
            #expect(why.contains("behind a NAT"))
            #expect(behind.tunnels[1].passed)
        }
    }
}

/// The cloud side's configuration as the lab writes it, without running it.
@Suite struct CloudSideConfigTests {
    @Test func deadPeerDetectionReinitiatesWhenEffectiveImmediately() throws {
        let input = LabFixture.input("dpd", [Tunnel(customerGateway: "gw-a", ike: IKEConfig(version: .ikev1)), Tunnel(customerGateway: "gw-b")])
        let text = try CloudSideStrongSwanConfig(input, dpdAction: "restart").swanctlConf(tunnel: 1)
        #expect(text.contains("dpd_action = restart"))
        #expect(text.contains("dpd_timeout = 30s"))
        #expect(text.contains("start_action = none"))
    }
}
