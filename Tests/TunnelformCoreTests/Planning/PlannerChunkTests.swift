import Testing
import TunnelformCore

/// Large projects plan their connections in chunks on every core: the plan must be the one of
/// planning each connection on its own.
@Suite("Planner: connections in chunks")
struct PlannerChunkTests {
    typealias F = PlannerFixture

    /// 1,300 connections (three chunks) over four gateways, one of them replaced: some are new,
    /// some changed in place, some moved to another binding, the rest unchanged.
    static func world() -> (gateways: [CustomerGateway], connections: [VpnConnection], state: State) {
        let gateways = (0..<4).map { F.gateway("gw-\($0)") }
        let connections = (0..<1_300).map { number in
            F.connection("dc-\(number)", gateways: (gateways[number % 4].name, gateways[(number + 1) % 4].name))
        }
        var state = F.applied(gateways: gateways, connections: connections.filter { !$0.name.hasSuffix("7") })
        var desired = connections
        for position in stride(from: 0, to: desired.count, by: 5) { desired[position].effectImmediately.toggle() }
        for position in stride(from: 3, to: desired.count, by: 11) { desired[position].bind = .crossAccount(cenId: "cen-2", cenOwnerUid: "1234", payer: .resourceOwner) }
        // A gateway whose address changed is replaced: connections that use it wait for the new one.
        var moved = gateways
        moved[2].ipAddress = IPv4Address("203.0.113.99")!
        state[gateways[0].address]?.customerGateway?.applied.description = "edited"
        return (moved, desired, state)
    }

    @Test func chunksPlanLikeEachConnectionAlone() {
        let world = Self.world()
        let plan = F.plan(gateways: world.gateways, connections: world.connections, state: world.state)
        #expect(plan.operations.count > 1_300)
        for connection in world.connections.filter({ ["dc-0", "dc-3", "dc-7", "dc-650", "dc-1299"].contains($0.name) }) {
            var alone = State(lineage: "test")
            for gateway in world.gateways { alone[gateway.address] = world.state[gateway.address] }
            alone[connection.address] = world.state[connection.address]
            let single = F.plan(gateways: world.gateways, connections: [connection], state: alone)
            #expect(plan.operations.filter { $0.address == connection.address } == single.operations.filter { $0.address == connection.address },
                    "\(connection.name)")
        }
        // The replaced gateway is deleted only after every recorded connection of every chunk moved off it.
        let users = Set(world.connections.filter { [$0.tunnels[0].customerGateway, $0.tunnels[1].customerGateway].contains("gw-2") }.map(\.address))
        let moves = plan.operations.filter { users.contains($0.address) && $0.object == .connection && $0.action != .create }.map(\.id)
        let delete = plan.operations.first { $0.address == world.gateways[2].address && $0.action == .delete }
        #expect(moves.count > 500)
        let waits = Set(delete?.waitsFor ?? [])
        #expect(waits.isSuperset(of: moves))
    }

    /// Chunks follow the connections' names, not the manifests' order: any order gives one plan.
    @Test func theManifestsOrderDoesNotMatter() {
        let world = Self.world()
        let plan = F.plan(gateways: world.gateways, connections: world.connections, state: world.state)
        let reversed = F.plan(gateways: world.gateways, connections: world.connections.reversed(), state: world.state)
        #expect(plan == reversed)
    }
}
