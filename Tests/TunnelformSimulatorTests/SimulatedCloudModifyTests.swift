import Testing
import TunnelformCore
@testable import TunnelformSimulator

@Suite struct SimulatedCloudModifyTests {
    @Test func modifyGoesUpdatingThenBackAndRefusesAConcurrentModify() async throws {
        let fixture = SimulatorFixture(delays: SimulatedCloud.Delays(connectionModify: 15))
        let (gateway, connection, _) = try await fixture.attachedConnection()
        let before = try await fixture.connection(connection)
        var spec = fixture.connectionSpec(name: "renamed", gateway: gateway)
        spec.tunnels[0].id = before.tunnels[0].id
        for index in spec.tunnels.indices { spec.tunnels[index].ike = nil }

        try await fixture.run(.modifyConnection(region: fixture.region, id: connection, spec))
        let updating = try await fixture.connection(connection)
        #expect(updating.state == .updating)
        #expect(updating.tunnels.allSatisfy { $0.state == .updating })
        #expect(updating.name == "renamed")

        let refused = await fixture.failure(.modifyConnection(region: fixture.region, id: connection, spec))
        #expect(refused?.code == "VpnConnection.Configuring")
        #expect(refused?.isRetryable == true)
        #expect(refused?.requestId != nil)

        fixture.clock.advance(by: 15)
        let after = try await fixture.connection(connection)
        #expect(after.state == .attached)
        #expect(after.tunnels.allSatisfy { $0.state == .active })
        #expect(after.tunnels.map(\.preSharedKey) == before.tunnels.map(\.preSharedKey), "a tunnel without an IKE block keeps its key")
        #expect(after.tunnels.map(\.gatewayIp) == before.tunnels.map(\.gatewayIp))
    }

    /// The SDK's request model: "If you do not specify a pre-shared key, the system randomly generates a
    /// 16-character string as the pre-shared key" — for every tunnel whose IKE block comes without one.
    @Test func anIKEBlockWithoutAKeyGetsANewRandomKey() async throws {
        let fixture = SimulatorFixture()
        let (gateway, connection) = try await fixture.unboundConnection()
        let before = try await fixture.connection(connection)
        var spec = fixture.connectionSpec(gateway: gateway)
        spec.tunnels[1].ike = nil
        try await fixture.run(.modifyConnection(region: fixture.region, id: connection, spec))
        let after = try await fixture.connection(connection)
        #expect(after.tunnels[0].preSharedKey != before.tunnels[0].preSharedKey)
        #expect(after.tunnels[0].preSharedKey.count == 16)
        #expect(after.tunnels[1].preSharedKey == before.tunnels[1].preSharedKey, "no IKE block: key and settings kept")
        #expect(after.tunnels[1].ike == before.tunnels[1].ike)
    }

    @Test func modifyOfAnUnboundConnectionReturnsToInit() async throws {
        let fixture = SimulatorFixture(delays: SimulatedCloud.Delays(connectionModify: 5))
        let (gateway, connection) = try await fixture.unboundConnection()
        try await fixture.run(.modifyConnection(region: fixture.region, id: connection,
                                                fixture.connectionSpec(gateway: gateway, keys: ["new-key", nil])))
        #expect(try await fixture.connection(connection).state == .updating)
        fixture.clock.advance(by: 5)
        let after = try await fixture.connection(connection)
        #expect(after.state == .`init`)
        #expect(after.tunnels[0].preSharedKey == "new-key")
    }

    @Test func modifyCanMoveATunnelToAnotherGateway() async throws {
        let fixture = SimulatorFixture()
        let (gateway, connection) = try await fixture.unboundConnection()
        let second = try await fixture.gateway("203.0.113.20")
        let spec = fixture.connectionSpec(tunnels: [fixture.tunnelSpec(1, gateway: gateway), fixture.tunnelSpec(2, gateway: second)])
        try await fixture.run(.modifyConnection(region: fixture.region, id: connection, spec))
        let tunnels = try await fixture.connection(connection).tunnels
        #expect(tunnels.map(\.customerGatewayId) == [gateway, second])
        #expect(tunnels[1].ike.remoteId == "203.0.113.20")
    }
}
