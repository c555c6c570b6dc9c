import Testing
import TunnelformCore

/// Tunnel CIDRs are unique in a region: a plan never creates a connection while another still holds
/// a block it needs, and says what that costs the live tunnels.
@Suite("Planner: region-unique tunnel CIDRs")
struct UniqueValueOrderingTests {
    typealias F = PlannerFixture

    static let gateways = [F.gateway("gw-a"), F.gateway("gw-b", ip: "203.0.113.11")]

    static func bgp(_ name: String, cidrs: (String, String) = ("169.254.10.0/30", "169.254.11.0/30"),
                    configure: (inout VpnConnection) -> Void = { _ in }) -> VpnConnection {
        F.connection(name) { connection in
            connection.bgp.enabled = true
            for (index, cidr) in [cidrs.0, cidrs.1].enumerated() {
                let block = IPv4Network(cidr)!
                connection.tunnels[index].bgp = TunnelBGP(tunnelCidr: block, localIp: IPv4Address(block.networkAddress.value + 1))
            }
            configure(&connection)
        }
    }

    func position(_ plan: Plan, _ step: String) throws -> Int {
        try #require(F.steps(plan).firstIndex(of: step), "\(step) not in \(F.steps(plan))")
    }

    @Test func aReplacementThatReusesItsTunnelCidrsDeletesFirst() throws {
        let old = Self.bgp("dc")
        let state = F.applied(gateways: Self.gateways, connections: [old])
        let plan = F.plan(gateways: Self.gateways, connections: [Self.bgp("dc") { $0.tunnelBandwidth = .large }], state: state)
        #expect(plan.problems.isEmpty)
        let delete = try position(plan, "VpnConnection/dc:connection:delete")
        let replace = try position(plan, "VpnConnection/dc:connection:replace")
        #expect(delete < replace)
        let operation = plan.operations[replace]
        #expect(operation.waitsFor.contains(plan.operations[delete].id))
        #expect(operation.notes.first == "destroy before create: the tunnels are down from the delete until the new connection negotiates")
        #expect(plan.operations[delete].deposed == false, "deleted as the current record: nothing else holds its place")
        // Teardown in the cloud's order, all before the new connection.
        for step in ["routeTablePropagation:delete", "routeTableAssociation:delete", "transitRouterAttachment:delete"] {
            #expect(try position(plan, "VpnConnection/dc:\(step)") < delete)
        }
        #expect(try position(plan, "VpnConnection/dc:transitRouterAttachment:create") > replace)
    }

    @Test func aReplacementWithNewCidrsKeepsCreateBeforeDestroy() throws {
        let state = F.applied(gateways: Self.gateways, connections: [Self.bgp("dc")])
        let desired = Self.bgp("dc", cidrs: ("169.254.20.0/30", "169.254.21.0/30")) { $0.tunnelBandwidth = .large }
        let plan = F.plan(gateways: Self.gateways, connections: [desired], state: state)
        let replace = try position(plan, "VpnConnection/dc:connection:replace")
        let deposedDelete = try #require(plan.operations.firstIndex { $0.object == .connection && $0.action == .delete && $0.deposed })
        #expect(replace < deposedDelete)
        #expect(plan.operations[replace].notes.isEmpty)
    }

    @Test func anExplicitCreateBeforeDestroyThatCannotBeAppliedIsAProblem() {
        let state = F.applied(gateways: Self.gateways, connections: [Self.bgp("dc")])
        let desired = Self.bgp("dc") { $0.gatewayType = .private; $0.replacement = .createBeforeDestroy }
        let plan = F.plan(gateways: Self.gateways, connections: [desired], state: state)
        #expect(plan.problems.map(\.field) == ["replacement"])
        #expect(plan.problems.first?.message.contains("169.254.10.0/30 and 169.254.11.0/30") == true)
        #expect(plan.problems.first?.hint.contains("replacement: destroyBeforeCreate") == true)
    }

    @Test func destroyBeforeCreateIsHonouredWithoutAClash() throws {
        let state = F.applied(gateways: Self.gateways, connections: [Self.bgp("dc")])
        let desired = Self.bgp("dc", cidrs: ("169.254.20.0/30", "169.254.21.0/30")) { $0.tunnelBandwidth = .large; $0.replacement = .destroyBeforeCreate }
        let plan = F.plan(gateways: Self.gateways, connections: [desired], state: state)
        #expect(try position(plan, "VpnConnection/dc:connection:delete") < position(plan, "VpnConnection/dc:connection:replace"))
        #expect(plan.operations.first { $0.action == .replace }?.notes.last == "the old connection is deleted first, as replacement: destroyBeforeCreate asks")
    }

    /// A rename: the new address needs the blocks the old one holds until its delete.
    @Test func aRenamedConnectionWaitsForTheDeleteThatFreesItsCidrs() throws {
        let state = F.applied(gateways: Self.gateways, connections: [Self.bgp("dc")])
        let plan = F.plan(gateways: Self.gateways, connections: [Self.bgp("dc-new")], state: state)
        let delete = try position(plan, "VpnConnection/dc:connection:delete")
        let create = try position(plan, "VpnConnection/dc-new:connection:create")
        #expect(delete < create)
        #expect(plan.operations[create].waitsFor.contains(plan.operations[delete].id))
        let notes = plan.operations[create].notes
        #expect(notes.first == "destroy before create: the tunnels are down from the delete until the new connection negotiates")
        #expect(notes.contains("renaming? tunnelform state mv VpnConnection/dc VpnConnection/dc-new renames in place, without an outage"))
    }

    @Test func aConnectionTakingABlockAnotherGivesUpWaitsForThatModify() throws {
        let state = F.applied(gateways: Self.gateways, connections: [Self.bgp("a")])
        let moved = Self.bgp("a", cidrs: ("169.254.30.0/30", "169.254.11.0/30"))
        let taker = Self.bgp("b", cidrs: ("169.254.10.0/30", "169.254.31.0/30"))
        let plan = F.plan(gateways: Self.gateways, connections: [moved, taker], state: state)
        #expect(try position(plan, "VpnConnection/a:connection:modify") < position(plan, "VpnConnection/b:connection:create"))
        #expect(plan.operations.first { $0.address.name == "b" && $0.object == .connection }?.notes
            == ["waits for the modify of VpnConnection/a, which frees tunnel CIDR 169.254.10.0/30 (unique in the region)"])
    }

    @Test func swappedBlocksCannotBeOrdered() {
        let state = F.applied(gateways: Self.gateways, connections: [Self.bgp("a"), Self.bgp("b", cidrs: ("169.254.40.0/30", "169.254.41.0/30"))])
        let plan = F.plan(gateways: Self.gateways, connections: [
            Self.bgp("a", cidrs: ("169.254.40.0/30", "169.254.11.0/30")), Self.bgp("b", cidrs: ("169.254.10.0/30", "169.254.41.0/30")),
        ], state: state)
        #expect(!plan.problems.isEmpty)
        #expect(plan.problems.allSatisfy { $0.message.contains("swap tunnel CIDRs") })
    }

    @Test func connectionsWithoutBGPHoldNoBlocks() {
        let state = F.applied(gateways: Self.gateways, connections: [Self.bgp("dc") { $0.bgp.enabled = false }])
        let plan = F.plan(gateways: Self.gateways, connections: [Self.bgp("dc") { $0.bgp.enabled = false; $0.tunnelBandwidth = .large }], state: state)
        #expect(plan.operations.first { $0.action == .replace }?.notes == [])
    }
}

/// What the on-premises device must change, per operation and in the plan's summary.
@Suite("Planner: device notes")
struct DeviceNoteTests {
    typealias F = PlannerFixture
    typealias U = UniqueValueOrderingTests

    @Test func onlyChangesTheDeviceSeesAreNoted() {
        let state = F.applied(gateways: U.gateways, connections: [U.bgp("dc")])
        let plan = F.plan(gateways: U.gateways, connections: [U.bgp("dc") { $0.tags = ["owner": "netops"]; $0.name = "dc" }], state: state)
        #expect(plan.operations.map(\.action) == [.modify])
        #expect(plan.operations[0].deviceChanges.isEmpty, "tags are not on the device")
        #expect(plan.onPremises.isEmpty)
    }

    @Test func proposalsLifetimesAndBGPAreNotedPerTunnel() {
        let state = F.applied(gateways: U.gateways, connections: [U.bgp("dc")])
        let desired = U.bgp("dc", cidrs: ("169.254.10.0/30", "169.254.12.0/30")) { connection in
            connection.tunnels[1].ike.encryption = .aes256
            connection.tunnels[0].ipsec.lifetime = 3600
            connection.bgp.localAsn = ASN(64512)
        }
        let plan = F.plan(gateways: U.gateways, connections: [desired], state: state)
        #expect(plan.onPremises.map(\.description) == [
            "VpnConnection/dc (tunnel 2 IKE proposal, tunnel 1 IPsec lifetime, tunnel 2 BGP addresses, BGP local ASN): run tunnelform device-config VpnConnection/dc",
        ])
    }

    @Test func aRebindGivesNewGatewayIPs() {
        let state = F.applied(gateways: U.gateways, connections: [F.connection("dc")])
        let plan = F.plan(gateways: U.gateways, connections: [F.connection("dc", bind: .crossAccount(cenId: "cen-partner", cenOwnerUid: "2234567890123456", payer: .cenOwner))],
                          state: state)
        #expect(plan.onPremises.map(\.changes) == [[DeviceChange(.gatewayIp, tunnels: [1, 2])]])
    }

    @Test func aNewConnectionIsConfiguredFromScratchAndADeletedOneNeedsNothing() {
        let state = F.applied(gateways: U.gateways, connections: [F.connection("old")])
        let plan = F.plan(gateways: U.gateways, connections: [F.connection("new")], state: state)
        #expect(plan.onPremises.map(\.description) == ["VpnConnection/new (a new connection): run tunnelform device-config VpnConnection/new"])
        let create = plan.operations.first { $0.address.name == "new" && $0.object == .connection }
        #expect(create?.changes.filter { $0.after == "(known after apply)" }.map(\.name) == ["id", "tunnel1.id", "tunnel2.id"])
    }
}
