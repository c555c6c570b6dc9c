import Testing
import TunnelformCore
@testable import TunnelformLab

/// The cloud side built from what the cloud has: a key and a proposal changed in the console are
/// named before the run (keys never shown) and tested as the cloud has them.
@Suite struct CloudViewTests {
    static let declared = LabFixture.input("console", [Tunnel(customerGateway: "gw-a"), Tunnel(customerGateway: "gw-b")])

    /// The cloud's view of `declared`, with the cloud's default ids filled in, as a provider reports it.
    static func observed(_ edit: (inout [CloudTunnel]) -> Void = { _ in }) -> CloudConnection {
        var tunnels = declared.tunnels.map { endpoint in
            let tunnel = declared.connection.tunnels[endpoint.index - 1]
            var ike = tunnel.ike
            ike.localId = endpoint.gatewayIp.description
            ike.remoteId = declared.customerGateways[tunnel.customerGateway]?.ipAddress.description
            return CloudTunnel(id: endpoint.tunnelId, index: endpoint.index, customerGatewayId: "cgw-\(endpoint.index)",
                               state: .active, status: .ipsecSAEstablished, gatewayIp: endpoint.gatewayIp,
                               preSharedKey: endpoint.preSharedKey, ike: ike, ipsec: tunnel.ipsec, dpd: tunnel.dpd,
                               natTraversal: tunnel.natTraversal, bgp: tunnel.bgp, bgpStatus: nil)
        }
        edit(&tunnels)
        return CloudConnection(id: "vco-1", name: "console", state: .attached, gatewayType: .public, localSubnets: [],
                               remoteSubnets: [], effectImmediately: true, enableTunnelsBgp: false, tunnelBandwidth: .standard,
                               resourceGroupId: nil, tags: [:], transitRouterId: "tr-1", cenId: "cen-1",
                               crossAccountAuthorized: false, tunnels: tunnels, createTime: 0)
    }

    @Test func sameAsTheManifestsHasNoDifferences() {
        let view = CloudView(declared: Self.declared, observed: Self.observed())
        #expect(view.differences == [])
        #expect(view.input.connection == Self.declared.connection)
        #expect(view.input.tunnels == Self.declared.tunnels)
    }

    @Test func consoleChangesAreNamedWithoutKeys() {
        let view = CloudView(declared: Self.declared, observed: Self.observed { tunnels in
            tunnels[0].preSharedKey = "ChangedInConsole"
            tunnels[1].ike.encryption = .aes256
            tunnels[1].ipsec.dhGroup = .disabled
        })
        #expect(view.differences == [
            "tunnel 1: pre-shared key changed (not shown)",
            "tunnel 2: ike.encryption: aes -> aes256",
            "tunnel 2: ipsec.dhGroup: group2 -> disabled",
        ])
        #expect(!view.differences.joined().contains("ChangedInConsole"))
        #expect(view.input.tunnels[0].preSharedKey == "ChangedInConsole")
        #expect(view.input.connection.tunnels[1].ike.encryption == .aes256)
    }

    @Test func maskedKeysAreUnknownNotChanged() {
        let view = CloudView(declared: Self.declared, observed: Self.observed { $0[0].preSharedKey = "******" })
        #expect(view.differences == [])
        #expect(view.input.tunnels[0].preSharedKey == Self.declared.tunnels[0].preSharedKey)
    }
}

extension LabSuite {
    /// The device follows the manifests; the cloud side what the console left: both tunnels fail
    /// as they would against the real cloud.
    @Test func consoleChangeIsTestedAsTheCloudHasIt() async throws {
        let view = CloudView(declared: CloudViewTests.declared, observed: CloudViewTests.observed { tunnels in
            tunnels[0].preSharedKey = "ChangedInConsole"
            tunnels[1].ike.encryption = .aes256
        })
        let report = try await Lab(environment: LabFixture.environment).run(CloudViewTests.declared, cloud: view.input)
        #expect(report.tunnels.map(\.diagnosis) == [
            .wrongPreSharedKey,
            .ikeProposalMismatch(onPremises: "aes/sha1/group2", cloud: "aes256/sha1/group2"),
        ])
        #expect(try await LabFixture.leftovers() == [])
    }
}
