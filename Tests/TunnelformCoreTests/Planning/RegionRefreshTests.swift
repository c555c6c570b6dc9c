import Testing
import TunnelformCore

/// Regions are refreshed concurrently: the result must be the one of refreshing each region alone,
/// merged in address order.
@Suite("Refresher: regions")
struct RegionRefreshTests {
    typealias F = PlannerFixture

    /// Names interleave across regions, so that merging the regions' drift must restore address order.
    static let regions = ["cn-hangzhou", "cn-shanghai", "ap-southeast-1"]

    /// The state and the matching inventory of one region: two gateways and three connections.
    static func region(_ position: Int) -> (state: State, inventory: CloudInventory) {
        let region = regions[position]
        let gateways = [F.gateway("gw-\(position)-a", region: region), F.gateway("gw-\(position)-b", ip: "203.0.113.11", region: region)]
        let connections = ["a", "m", "z"].map { prefix in
            F.connection("\(prefix)-dc\(position)", gateways: (gateways[0].name, gateways[1].name)) { $0.region = region }
        }
        let state = F.applied(gateways: gateways, connections: connections)
        var inventory = CloudFixture.inventory(for: state)
        inventory.region = region
        return (state, inventory)
    }

    /// Every region with something changed outside Tunnelform: a gateway's description, a
    /// connection's setting, a connection deleted, a route-table link switched off.
    static func world() -> [(state: State, inventory: CloudInventory)] {
        var world = regions.indices.map(region)
        world[0].inventory.customerGateways[1].description = "edited"
        world[0].inventory.connections[2].effectImmediately = false
        world[1].inventory.connections.remove(at: 1)
        world[2].inventory.routeTablePropagations.removeFirst()
        world[2].inventory.connections[0].tunnels[0].ike.dhGroup = .group14
        return world
    }

    @Test func refreshingAllRegionsAtOnceIsRefreshingEachAlone() {
        let world = Self.world()
        var combined = State(lineage: "test")
        var inventories: [String: CloudInventory] = [:]
        for part in world {
            for address in part.state.addresses { combined[address] = part.state[address] }
            inventories[part.inventory.region] = part.inventory
        }
        let all = Refresher().refresh(combined, inventories: inventories)
        let alone = world.map { Refresher().refresh($0.state, inventories: [$0.inventory.region: $0.inventory]) }

        let expectedDrift = alone.flatMap(\.drift).sorted { $0.address < $1.address }
        #expect(all.drift == expectedDrift)
        #expect(all.drift.count == 5)
        #expect(all.drift.map(\.address) == all.drift.map(\.address).sorted())
        #expect(all.deletedOutside == alone.reduce(into: Set()) { $0.formUnion($1.deletedOutside) })
        for (part, result) in zip(world, alone) {
            for address in part.state.addresses {
                #expect(all.state[address] == result.state[address], "\(address)")
                #expect(all.filled[address] == result.filled[address], "\(address)")
            }
        }
        #expect(all.state.addresses == combined.addresses.filter { all.state[$0] != nil })
    }

    @Test func aRegionTheProviderDidNotObserveIsLeftAsItIs() {
        let world = Self.world()
        var combined = world[0].state
        for address in world[1].state.addresses { combined[address] = world[1].state[address] }
        let result = Refresher().refresh(combined, inventories: [world[0].inventory.region: world[0].inventory])
        for address in world[1].state.addresses {
            #expect(result.state[address] == combined[address])
        }
        #expect(result.drift.allSatisfy { $0.address.name.hasSuffix("0") || $0.address.name.hasPrefix("gw-0") })
    }
}
