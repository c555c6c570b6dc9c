import Testing
import TunnelformCore
@testable import TunnelformSimulator

@Suite struct SimulatedCloudLifecycleTests {
    @Test func associationAndPropagationGoPendingActiveRemovingGone() async throws {
        let fixture = SimulatorFixture(delays: SimulatedCloud.Delays(association: 5, propagation: 8))
        let (_, _, attachment) = try await fixture.attachedConnection()
        let region = fixture.region
        let association = CloudObjectRef.routeTableAssociation(region: region, attachmentId: attachment)
        let propagation = CloudObjectRef.routeTablePropagation(region: region, attachmentId: attachment)
        #expect(await fixture.cloud.status(of: association) == .gone)

        try await fixture.run(.associateDefaultRouteTable(region: region, attachmentId: attachment))
        try await fixture.run(.enableDefaultRouteTablePropagation(region: region, attachmentId: attachment))
        var inventory = await fixture.cloud.inventory(region: region)
        #expect(inventory.routeTableAssociations.map(\.status) == [.pending])
        #expect(inventory.routeTablePropagations.map(\.status) == [.pending])
        let routeTable = SimulatedTransitRouter.defaultRouteTableId(cenId: SimulatorFixture.cenId, region: region)
        #expect(inventory.routeTableAssociations.first?.routeTableId == routeTable)
        #expect(await fixture.failure(.associateDefaultRouteTable(region: region, attachmentId: attachment))?.code
                == "InvalidOperation.AssociationExists")

        fixture.clock.advance(by: 5)
        #expect(await fixture.cloud.status(of: association) == .settled("Active"))
        #expect(await fixture.cloud.status(of: propagation) == .pending("Pending"))
        fixture.clock.advance(by: 3)
        #expect(await fixture.cloud.status(of: propagation) == .settled("Active"))

        try await fixture.run(.disableDefaultRouteTablePropagation(region: region, attachmentId: attachment))
        #expect(await fixture.cloud.status(of: propagation) == .pending("Removing"))
        fixture.clock.advance(by: 8)
        #expect(await fixture.cloud.status(of: propagation) == .gone)
        inventory = await fixture.cloud.inventory(region: region)
        #expect(inventory.routeTablePropagations.isEmpty)
        #expect(inventory.routeTableAssociations.count == 1)
        #expect(await fixture.failure(.disableDefaultRouteTablePropagation(region: region, attachmentId: attachment))?.code
                == "InvalidOperation.PropagationNotExist")
    }

    @Test func linksNeedAnAttachedAttachment() async throws {
        let fixture = SimulatorFixture(delays: SimulatedCloud.Delays(attachmentCreate: 5))
        let (_, _, attachment) = try await fixture.attachedConnection()
        let error = await fixture.failure(.associateDefaultRouteTable(region: fixture.region, attachmentId: attachment))
        #expect(error?.code == "IncorrectStatus.Status")
        #expect(error?.isRetryable == true)
    }

    @Test func teardownMustRunInOrder() async throws {
        let fixture = SimulatorFixture(delays: SimulatedCloud.Delays(connectionDetach: 6, attachmentDelete: 4, association: 2, propagation: 2))
        let (gateway, connection, attachment) = try await fixture.attachedConnection()
        let region = fixture.region
        try await fixture.run(.associateDefaultRouteTable(region: region, attachmentId: attachment))
        try await fixture.run(.enableDefaultRouteTablePropagation(region: region, attachmentId: attachment))
        fixture.clock.advance(by: 2)

        #expect(await fixture.failure(.deleteTransitRouterAttachment(region: region, attachmentId: attachment))?.code
                == "DependencyViolation.RouteTableAssociation")
        try await fixture.run(.dissociateDefaultRouteTable(region: region, attachmentId: attachment))
        let blocked = await fixture.failure(.deleteTransitRouterAttachment(region: region, attachmentId: attachment))
        #expect(blocked?.code == "Operation.Blocking")
        #expect(blocked?.isRetryable == true)
        fixture.clock.advance(by: 2)
        #expect(await fixture.failure(.deleteTransitRouterAttachment(region: region, attachmentId: attachment))?.code
                == "DependencyViolation.RouteTablePropagation")
        try await fixture.run(.disableDefaultRouteTablePropagation(region: region, attachmentId: attachment))
        fixture.clock.advance(by: 2)

        try await fixture.run(.deleteTransitRouterAttachment(region: region, attachmentId: attachment))
        #expect(await fixture.cloud.status(of: .transitRouterAttachment(region: region, id: attachment)) == .pending("Detaching"))
        #expect(try await fixture.connection(connection).state == .detaching)
        #expect(await fixture.failure(.deleteConnection(region: region, id: connection))?.code == "VpnConnection.Configuring")

        fixture.clock.advance(by: 4)
        #expect(await fixture.cloud.status(of: .transitRouterAttachment(region: region, id: attachment)) == .gone)
        fixture.clock.advance(by: 2)
        let detached = try await fixture.connection(connection)
        #expect(detached.state == .`init`)
        #expect(detached.transitRouterId == nil)
        #expect(detached.tunnels.allSatisfy { $0.gatewayIp == nil && $0.status == .ikeSANotEstablished })

        #expect(await fixture.failure(.deleteCustomerGateway(region: region, id: gateway))?.code == "DependencyViolation.IpsecConnection")
        try await fixture.run(.deleteConnection(region: region, id: connection))
        #expect(await fixture.cloud.status(of: .connection(region: region, id: connection)) == .gone)
        try await fixture.run(.deleteCustomerGateway(region: region, id: gateway))
        #expect(await fixture.cloud.regions.isEmpty)
    }

    @Test func aDetachedConnectionCanBeAttachedAgainWithNewAddresses() async throws {
        let fixture = SimulatorFixture()
        let (_, connection, attachment) = try await fixture.attachedConnection()
        let first = try await fixture.connection(connection).tunnels.compactMap(\.gatewayIp)
        try await fixture.run(.deleteTransitRouterAttachment(region: fixture.region, attachmentId: attachment))
        #expect(try await fixture.connection(connection).state == .`init`)
        let again = try await fixture.create(.createTransitRouterAttachment(
            region: fixture.region, connectionId: connection, cenId: SimulatorFixture.cenId, autoPublishRoutes: false))
        #expect(again != attachment)
        let second = try await fixture.connection(connection)
        #expect(second.state == .attached)
        #expect(second.tunnels.compactMap(\.gatewayIp).count == 2)
        #expect(first.count == 2)
        #expect(await fixture.cloud.inventory(region: fixture.region).attachment(again)?.autoPublishRouteEnabled == false)
        #expect(await fixture.cloud.serviceLinkedRoleCreationCount == 1)
    }
}
