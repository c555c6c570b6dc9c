import Foundation
import Testing
import TunnelformCore
@testable import TunnelformSimulator

@Suite struct SimulatedCloudTests {
    @Test func idsHaveTheRealPrefixes() async throws {
        let fixture = SimulatorFixture()
        let (gateway, connection, attachment) = try await fixture.attachedConnection()
        #expect(gateway.isId("cgw-"))
        #expect(connection.isId("vco-"))
        #expect(attachment.isId("tr-attach-"))
        let tunnels = try await fixture.connection(connection).tunnels
        #expect(tunnels.map(\.index) == [1, 2])
        #expect(tunnels.allSatisfy { $0.id.isId("tun-") })
        #expect(Set(tunnels.map(\.id)).count == 2)
        let inventory = await fixture.cloud.inventory(region: fixture.region)
        let transitRouter = SimulatedTransitRouter.transitRouterId(cenId: SimulatorFixture.cenId, region: fixture.region)
        #expect(transitRouter.isId("tr-"))
        #expect(inventory.attachment(attachment)?.transitRouterId == transitRouter)
        #expect(SimulatedTransitRouter.defaultRouteTableId(cenId: SimulatorFixture.cenId, region: fixture.region).isId("vtb-"))
    }

    @Test func sameSeedGivesSameIds() async throws {
        let first = try await SimulatorFixture(seed: 3).attachedConnection()
        let second = try await SimulatorFixture(seed: 3).attachedConnection()
        #expect(first == second)
    }

    @Test func attachingAdvancesOnTheClockAndAllocatesGatewayIPsOnlyWhenAttached() async throws {
        let fixture = SimulatorFixture(delays: SimulatedCloud.Delays(connectionAttach: 30, attachmentCreate: 20))
        let (_, connection) = try await fixture.unboundConnection()
        #expect(try await fixture.connection(connection).state == .`init`)
        let attachment = try await fixture.create(.createTransitRouterAttachment(
            region: fixture.region, connectionId: connection, cenId: SimulatorFixture.cenId, autoPublishRoutes: true))

        var inventory = await fixture.cloud.inventory(region: fixture.region)
        #expect(inventory.connection(connection)?.state == .attaching)
        #expect(inventory.attachment(attachment)?.status == .attaching)
        #expect(inventory.connection(connection)?.tunnels.allSatisfy { $0.gatewayIp == nil } == true)
        #expect(inventory.connection(connection)?.cenId == SimulatorFixture.cenId)
        #expect(await fixture.cloud.status(of: .connection(region: fixture.region, id: connection)) == .pending("attaching"))

        fixture.clock.advance(by: 20)
        inventory = await fixture.cloud.inventory(region: fixture.region)
        #expect(inventory.attachment(attachment)?.status == .attached)
        #expect(inventory.connection(connection)?.state == .attaching)
        #expect(inventory.connection(connection)?.tunnels.allSatisfy { $0.gatewayIp == nil } == true)

        fixture.clock.advance(by: 10)
        let attached = try await fixture.connection(connection)
        #expect(attached.state == .attached)
        let addresses = attached.tunnels.compactMap(\.gatewayIp)
        #expect(addresses.count == 2)
        #expect(Set(addresses).count == 2)
        #expect(addresses.allSatisfy { SimulatedCloud.gatewayPool.contains($0) })
        #expect(attached.tunnels.allSatisfy { $0.status == .ipsecSAEstablished })
        #expect(await fixture.cloud.status(of: .connection(region: fixture.region, id: connection)) == .settled("attached"))
    }

    @Test func gatewayIPsAreNeverSharedBetweenConnections() async throws {
        let fixture = SimulatorFixture(seed: 11)
        var addresses: [IPv4Address] = []
        for _ in 0..<5 {
            let (_, connection, _) = try await fixture.attachedConnection()
            addresses += try await fixture.connection(connection).tunnels.compactMap(\.gatewayIp)
        }
        #expect(addresses.count == 10)
        #expect(Set(addresses).count == 10)
    }

    @Test func generatesA16CharacterKeyOnlyWhenNoneIsGiven() async throws {
        let fixture = SimulatorFixture()
        let (_, connection) = try await fixture.unboundConnection(keys: [nil, "given-key-1"])
        let tunnels = try await fixture.connection(connection).tunnels
        #expect(tunnels[0].preSharedKey.count == 16)
        #expect(tunnels[0].preSharedKey.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(tunnels[1].preSharedKey == "given-key-1")
    }

    @Test func identitiesDefaultToTheGatewayAddresses() async throws {
        let fixture = SimulatorFixture()
        let (_, connection) = try await fixture.unboundConnection()
        let unbound = try await fixture.connection(connection).tunnels[0]
        #expect(unbound.ike.localId == nil)
        #expect(unbound.ike.remoteId == "203.0.113.10")
        try await fixture.run(.createTransitRouterAttachment(
            region: fixture.region, connectionId: connection, cenId: SimulatorFixture.cenId, autoPublishRoutes: true))
        let attached = try await fixture.connection(connection).tunnels[0]
        #expect(attached.ike.localId == attached.gatewayIp?.description)
        #expect(attached.ike.localId != nil)
    }

    @Test func serviceLinkedRoleIsCreatedOnceWithTheFirstAttachment() async throws {
        let fixture = SimulatorFixture()
        _ = try await fixture.unboundConnection()
        #expect(await fixture.cloud.serviceLinkedRoleCreated == false)
        _ = try await fixture.attachedConnection()
        _ = try await fixture.attachedConnection()
        #expect(await fixture.cloud.serviceLinkedRoleCreated)
        #expect(await fixture.cloud.serviceLinkedRoleCreationCount == 1)
    }

    @Test func countsCallsPerAction() async throws {
        let fixture = SimulatorFixture()
        _ = try await fixture.attachedConnection()
        _ = await fixture.failure(.deleteCustomerGateway(region: fixture.region, id: "cgw-missing"))
        let counts = await fixture.cloud.callCounts
        #expect(counts["CreateCustomerGateway"] == 1)
        #expect(counts["CreateVpnAttachment"] == 1)
        #expect(counts["CreateTransitRouterVpnAttachment"] == 1)
        #expect(counts["DeleteCustomerGateway"] == 1)
        #expect(await fixture.cloud.regions == [fixture.region])
    }

    @Test(arguments: [
        ("3", SimulatedCloud.Delays.uniform(3)),
        ("all=1,connectionAttach=5", SimulatedCloud.Delays(connectionAttach: 5, connectionModify: 1, connectionDetach: 1,
                                                             attachmentCreate: 1, attachmentDelete: 1, association: 1, propagation: 1)),
        ("propagation=0.5", SimulatedCloud.Delays(propagation: 0.5)),
    ])
    func parsesDelays(text: String, expected: SimulatedCloud.Delays) {
        #expect(SimulatedCloud.Delays(parsing: text) == expected)
    }

    @Test(arguments: ["-1", "attach=2", "nan", "all="])
    func rejectsBadDelays(text: String) {
        #expect(SimulatedCloud.Delays(parsing: text) == nil)
    }
}
