import Testing
import TunnelformCore
@testable import TunnelformSimulator

@Suite struct SimulatedCloudConsoleTests {
    @Test func aTunnelEditedInTheConsoleShowsInTheInventory() async throws {
        let fixture = SimulatorFixture(delays: SimulatedCloud.Delays(connectionModify: 3))
        let (_, connection, _) = try await fixture.attachedConnection()
        let before = try await fixture.connection(connection).tunnels[1]
        try await fixture.cloud.consoleModifyTunnel(region: fixture.region, connectionId: connection, index: 2) { tunnel in
            tunnel.preSharedKey = "changed-in-console"
            tunnel.ike.encryption = .aes256
            tunnel.id = "tun-ignored"
        }
        #expect(try await fixture.connection(connection).state == .updating)
        fixture.clock.advance(by: 3)
        let after = try await fixture.connection(connection)
        #expect(after.state == .attached)
        #expect(after.tunnels[1].preSharedKey == "changed-in-console")
        #expect(after.tunnels[1].ike.encryption == .aes256)
        #expect(after.tunnels[1].id == before.id)
        #expect(after.tunnels[1].gatewayIp == before.gatewayIp)
        #expect(await fixture.cloud.callCount("ModifyVpnAttachmentAttribute") == 0)
    }

    @Test func consoleDeletesAndPropagationChangesShowInTheInventory() async throws {
        let fixture = SimulatorFixture()
        let (_, _, attachment) = try await fixture.attachedConnection()
        let spare = try await fixture.gateway("203.0.113.77")
        try await fixture.cloud.consoleDeleteCustomerGateway(region: fixture.region, id: spare)
        try await fixture.cloud.consoleSetPropagation(region: fixture.region, attachmentId: attachment, enabled: true)
        var inventory = await fixture.cloud.inventory(region: fixture.region)
        #expect(inventory.customerGateway(spare) == nil)
        #expect(inventory.routeTablePropagations.map(\.status) == [.active])
        try await fixture.cloud.consoleSetPropagation(region: fixture.region, attachmentId: attachment, enabled: false)
        inventory = await fixture.cloud.inventory(region: fixture.region)
        #expect(inventory.routeTablePropagations.isEmpty)
    }

    @Test func aConsoleDetachForcesTheLinksAway() async throws {
        let fixture = SimulatorFixture()
        let (_, connection, attachment) = try await fixture.attachedConnection()
        try await fixture.run(.associateDefaultRouteTable(region: fixture.region, attachmentId: attachment))
        try await fixture.run(.enableDefaultRouteTablePropagation(region: fixture.region, attachmentId: attachment))
        _ = await fixture.cloud.inventory(region: fixture.region)
        try await fixture.cloud.consoleDetach(region: fixture.region, attachmentId: attachment)
        let inventory = await fixture.cloud.inventory(region: fixture.region)
        #expect(inventory.transitRouterAttachments.isEmpty)
        #expect(inventory.routeTableAssociations.isEmpty)
        #expect(inventory.routeTablePropagations.isEmpty)
        #expect(inventory.connection(connection)?.state == .`init`)
        #expect(inventory.connection(connection)?.tunnels.allSatisfy { $0.gatewayIp == nil } == true)
    }
}
