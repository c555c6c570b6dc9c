import Testing
import TunnelformCore
@testable import TunnelformSimulator

@Suite struct SimulatedCloudPreconditionTests {
    let fixture = SimulatorFixture()
    var region: String { fixture.region }

    @Test func unknownIdsAreNotFound() async throws {
        let gateway = await fixture.failure(.deleteCustomerGateway(region: region, id: "cgw-unknown"))
        #expect(gateway?.code == "InvalidCustomerGatewayInstanceId.NotFound")
        #expect(gateway?.httpStatus == 404)
        #expect(gateway?.isRetryable == false)
        let connection = await fixture.failure(.deleteConnection(region: region, id: "vco-unknown"))
        #expect(connection?.code == "InvalidVpnConnectionInstanceId.NotFound")
        let attachment = await fixture.failure(.deleteTransitRouterAttachment(region: region, attachmentId: "tr-attach-unknown"))
        #expect(attachment?.code == "InvalidTransitRouterAttachmentId.NotFound")
        #expect(attachment?.isRetryable == false)
        let tunnelGateway = await fixture.failure(.createConnection(region: region, fixture.connectionSpec(gateway: "cgw-unknown")))
        #expect(tunnelGateway?.code == "InvalidCustomerGatewayInstanceId.NotFound")
    }

    @Test func deletingAGatewayInUseIsADependencyViolation() async throws {
        let (gateway, _) = try await fixture.unboundConnection()
        let error = await fixture.failure(.deleteCustomerGateway(region: region, id: gateway))
        #expect(error?.code == "DependencyViolation.IpsecConnection")
        #expect(error?.httpStatus == 400)
        #expect(error?.isRetryable == false)
    }

    @Test func deletingAnAttachedConnectionIsRefused() async throws {
        let (_, connection, _) = try await fixture.attachedConnection()
        let error = await fixture.failure(.deleteConnection(region: region, id: connection))
        #expect(error?.code == "IncorrectStatus.VpnConnection")
        #expect(error?.isRetryable == false)
    }

    @Test func changingAConnectionThatIsAttachingIsRetryable() async throws {
        let fixture = SimulatorFixture(delays: .uniform(10))
        let (_, connection, _) = try await fixture.attachedConnection()
        let error = await fixture.failure(.deleteConnection(region: fixture.region, id: connection))
        #expect(error?.code == "VpnConnection.Configuring")
        #expect(error?.isRetryable == true)
    }

    @Test func grantingAnAttachedConnectionIsRefused() async throws {
        let (_, connection, _) = try await fixture.attachedConnection()
        let error = await fixture.failure(.grant(region: region, connectionId: connection, cenId: "cen-other", cenOwnerUid: "1234567890", payer: .cenOwner))
        #expect(error?.code == "IncorrectStatus.VpnConnection")
        #expect(error?.isRetryable == false)
    }

    @Test func attachingTwiceIsRefused() async throws {
        let (_, connection, _) = try await fixture.attachedConnection()
        let error = await fixture.failure(.createTransitRouterAttachment(
            region: region, connectionId: connection, cenId: SimulatorFixture.cenId, autoPublishRoutes: true))
        #expect(error?.code == "IncorrectStatus.VpnConnection")
    }

    @Test func attachingInAnotherRegionIsInvalid() async throws {
        let (_, connection) = try await fixture.unboundConnection()
        let error = await fixture.failure(.createTransitRouterAttachment(
            region: "cn-shanghai", connectionId: connection, cenId: SimulatorFixture.cenId, autoPublishRoutes: true))
        #expect(error?.code == "InvalidParameter")
        let badCen = await fixture.failure(.createTransitRouterAttachment(
            region: region, connectionId: connection, cenId: "vpc-123", autoPublishRoutes: true))
        #expect(badCen?.code == "InvalidCenId.NotFound")
    }

    @Test func aGatewayInAnotherRegionIsInvalid() async throws {
        let gateway = try await fixture.create(.createCustomerGateway(region: "cn-shanghai", fixture.gatewaySpec()))
        let error = await fixture.failure(.createConnection(region: region, fixture.connectionSpec(gateway: gateway)))
        #expect(error?.code == "InvalidParameter")
    }

    @Test(arguments: [1, 3])
    func dualTunnelModeNeedsTwoTunnels(count: Int) async throws {
        let gateway = try await fixture.gateway()
        let tunnels = (1...count).map { fixture.tunnelSpec($0, gateway: gateway) }
        let error = await fixture.failure(.createConnection(region: region, fixture.connectionSpec(tunnels: tunnels)))
        #expect(error?.code == "InvalidParameter")
        #expect(error?.httpStatus == 400)
    }

    @Test func missingGatewayIdIsAMissingParameter() async throws {
        let error = await fixture.failure(.createConnection(region: region, fixture.connectionSpec(gateway: "")))
        #expect(error?.code == "MissingParameter")
    }

    @Test func bgpNeedsTunnelSettingsAndAnASN() async throws {
        let gateway = try await fixture.create(.createCustomerGateway(region: region, fixture.gatewaySpec(asn: nil)))
        let noTunnelBGP = fixture.connectionSpec(tunnels: [fixture.tunnelSpec(1, gateway: gateway), fixture.tunnelSpec(2, gateway: gateway)], bgp: true)
        #expect(await fixture.failure(.createConnection(region: region, noTunnelBGP))?.code == "MissingParameter")
        let bgp = { (third: UInt32) in
            TunnelBGP(tunnelCidr: IPv4Network("169.254.\(third).0/30")!, localIp: IPv4Address("169.254.\(third).1")!)
        }
        let noASN = fixture.connectionSpec(tunnels: [fixture.tunnelSpec(1, gateway: gateway, bgp: bgp(10)),
                                                     fixture.tunnelSpec(2, gateway: gateway, bgp: bgp(11))], bgp: true)
        #expect(await fixture.failure(.createConnection(region: region, noASN))?.code == "InvalidParameter")
        let reserved = fixture.connectionSpec(tunnels: [fixture.tunnelSpec(1, gateway: gateway, bgp: bgp(3)),
                                                        fixture.tunnelSpec(2, gateway: gateway, bgp: bgp(11))])
        #expect(await fixture.failure(.createConnection(region: region, reserved))?.code == "InvalidParameter")
    }

    @Test func gatewayAddressAndASNAreChecked() async throws {
        let loopback = await fixture.failure(.createCustomerGateway(region: region, fixture.gatewaySpec("127.0.0.1")))
        #expect(loopback?.code == "InvalidParameter")
        let cloudASN = await fixture.failure(.createCustomerGateway(region: region, fixture.gatewaySpec(asn: 45104)))
        #expect(cloudASN?.code == "InvalidParameter")
        let gateway = try await fixture.gateway()
        let moved = await fixture.failure(.modifyCustomerGateway(region: region, id: gateway, fixture.gatewaySpec("203.0.113.99")))
        #expect(moved?.code == "InvalidParameter")
    }

    @Test func deletingAGrantedConnectionNeedsARevokeFirst() async throws {
        let (_, connection) = try await fixture.unboundConnection()
        try await fixture.run(.grant(region: region, connectionId: connection, cenId: "cen-other", cenOwnerUid: "1234567890", payer: .resourceOwner))
        #expect(try await fixture.connection(connection).crossAccountAuthorized)
        #expect(await fixture.cloud.inventory(region: region).grants.count == 1)
        #expect(await fixture.failure(.deleteConnection(region: region, id: connection))?.code == "DependencyViolation.Grant")
        try await fixture.run(.revoke(region: region, connectionId: connection, cenId: "cen-other", cenOwnerUid: "1234567890"))
        #expect(await fixture.failure(.revoke(region: region, connectionId: connection, cenId: "cen-other", cenOwnerUid: "1234567890"))?.code
                == "InvalidGrant.NotFound")
        try await fixture.run(.deleteConnection(region: region, id: connection))
        #expect(await fixture.cloud.inventory(region: region).connections.isEmpty)
    }
}
