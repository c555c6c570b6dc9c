import Testing
import TunnelformCore

/// Builds desired objects and states for planner tests.
enum PlannerFixture {
    static func gateway(_ name: String, ip: String = "203.0.113.10", asn: UInt32? = 65010, region: String = "cn-hangzhou") -> CustomerGateway {
        CustomerGateway(name: name, region: region, ipAddress: IPv4Address(ip)!, asn: asn.map(ASN.init))
    }

    static func connection(_ name: String, gateways: (String, String) = ("gw-a", "gw-b"), bind: Binding = .currentAccount(cenId: "cen-1"),
                           configure: (inout VpnConnection) -> Void = { _ in }) -> VpnConnection {
        var connection = VpnConnection(name: name, region: "cn-hangzhou", bind: bind,
                                       tunnels: [Tunnel(customerGateway: gateways.0), Tunnel(customerGateway: gateways.1)])
        configure(&connection)
        return connection
    }

    /// A state in which `gateways` and `connections` were applied exactly, with full current-account bindings.
    static func applied(gateways: [CustomerGateway], connections: [VpnConnection]) -> State {
        var state = State(lineage: "test")
        for gateway in gateways {
            state[gateway.address] = ResourceState(region: gateway.region,
                                                   customerGateway: CustomerGatewayRecord(id: "cgw-\(gateway.name)", applied: gateway, authKeyDigest: nil))
        }
        for connection in connections {
            let tunnels = connection.tunnels.enumerated().map { index, tunnel in
                TunnelRecord(index: index + 1, id: "tun-\(connection.name)-\(index + 1)", gatewayIp: nil,
                             customerGatewayId: "cgw-\(tunnel.customerGateway)", preSharedKeyDigest: nil)
            }
            var record = ConnectionRecord(id: "vco-\(connection.name)", applied: connection, tunnels: tunnels)
            switch connection.bind {
            case .currentAccount(let cenId):
                record.attachment = AttachmentRecord(id: "tr-attach-\(connection.name)", cenId: cenId, autoPublishRoutes: connection.routes.advertise)
                record.associated = connection.routes.associateDefaultRouteTable
                record.propagating = connection.routes.propagateToDefaultRouteTable
            case .crossAccount(let cenId, let owner, let payer):
                record.grant = GrantRecord(cenId: cenId, cenOwnerUid: owner, payer: payer)
            }
            state[connection.address] = ResourceState(region: connection.region, connection: record)
        }
        return state
    }

    static func plan(gateways: [CustomerGateway], connections: [VpnConnection], state: State = State(lineage: "test"),
                     secrets: ResolvedSecrets = ResolvedSecrets(), targets: Set<ResourceAddress>? = nil) -> Plan {
        Planner().plan(Planner.Input(customerGateways: gateways, connections: connections, secrets: secrets, state: state, targets: targets))
    }

    /// `address:object:action` of each operation, in plan order.
    static func steps(_ plan: Plan) -> [String] {
        plan.operations.map { "\($0.address):\($0.object.rawValue):\($0.action.rawValue)" }
    }
}

@Suite("Planner: ordering")
struct PlannerOrderingTests {
    typealias F = PlannerFixture

    func position(_ plan: Plan, _ step: String) throws -> Int {
        try #require(F.steps(plan).firstIndex(of: step), "\(step) not in \(F.steps(plan))")
    }

    @Test func createsFollowDependencies() throws {
        let plan = F.plan(gateways: [F.gateway("gw-a"), F.gateway("gw-b", ip: "203.0.113.11")], connections: [F.connection("dc1")])
        let cgw = try position(plan, "CustomerGateway/gw-a:customerGateway:create")
        let vco = try position(plan, "VpnConnection/dc1:connection:create")
        let attach = try position(plan, "VpnConnection/dc1:transitRouterAttachment:create")
        let associate = try position(plan, "VpnConnection/dc1:routeTableAssociation:create")
        let propagate = try position(plan, "VpnConnection/dc1:routeTablePropagation:create")
        #expect(cgw < vco && vco < attach && attach < associate && associate < propagate)
        let attachment = try #require(plan.operations[attach].settlesTo)
        #expect(attachment == "Attached")
        #expect(plan.operations[vco].waitsFor.count == 2)
    }

    @Test func crossAccountGrantsAfterCreate() throws {
        let connection = F.connection("p1", bind: .crossAccount(cenId: "cen-2", cenOwnerUid: "123", payer: .cenOwner))
        let plan = F.plan(gateways: [F.gateway("gw-a"), F.gateway("gw-b")], connections: [connection])
        #expect(try position(plan, "VpnConnection/p1:connection:create") < position(plan, "VpnConnection/p1:grant:grant"))
        #expect(!F.steps(plan).contains { $0.contains("transitRouterAttachment") })
        #expect(plan.summary.grant == 1)
    }

    @Test func deletesRunInReverse() throws {
        let gateways = [F.gateway("gw-a"), F.gateway("gw-b")]
        let state = F.applied(gateways: gateways, connections: [F.connection("dc1")])
        let plan = F.plan(gateways: [], connections: [], state: state)
        let order = [
            "VpnConnection/dc1:routeTablePropagation:delete", "VpnConnection/dc1:routeTableAssociation:delete",
            "VpnConnection/dc1:transitRouterAttachment:delete", "VpnConnection/dc1:connection:delete",
            "CustomerGateway/gw-a:customerGateway:delete",
        ]
        let positions = try order.map { try position(plan, $0) }
        #expect(positions == positions.sorted())
        #expect(plan.summary.delete == 6)
    }

    @Test func crossAccountTeardownRevokesBeforeDelete() throws {
        let connection = F.connection("p1", bind: .crossAccount(cenId: "cen-2", cenOwnerUid: "123", payer: .cenOwner))
        let state = F.applied(gateways: [F.gateway("gw-a"), F.gateway("gw-b")], connections: [connection])
        let plan = F.plan(gateways: [F.gateway("gw-a"), F.gateway("gw-b")], connections: [], state: state)
        #expect(try position(plan, "VpnConnection/p1:grant:revoke") < position(plan, "VpnConnection/p1:connection:delete"))
    }

    @Test func tunnelMovedToNewGateway() throws {
        let old = F.connection("dc1")
        let gateways = [F.gateway("gw-a"), F.gateway("gw-b")]
        let state = F.applied(gateways: gateways, connections: [old])
        let moved = F.connection("dc1", gateways: ("gw-a", "gw-c"))
        let plan = F.plan(gateways: [F.gateway("gw-a"), F.gateway("gw-c", ip: "203.0.113.12")], connections: [moved], state: state)
        let create = try position(plan, "CustomerGateway/gw-c:customerGateway:create")
        let modify = try position(plan, "VpnConnection/dc1:connection:modify")
        let delete = try position(plan, "CustomerGateway/gw-b:customerGateway:delete")
        #expect(create < modify && modify < delete)
        #expect(plan.operations[delete].waitsFor.contains(plan.operations[modify].id))
        let change = plan.operations[modify].changes.first { $0.name == "tunnel2.customerGateway" }
        #expect(change?.before == "gw-b (cgw-gw-b)")
        #expect(change?.after == "gw-c (new)")
    }

    @Test func bindingChangeDetachesThenGrants() throws {
        let gateways = [F.gateway("gw-a"), F.gateway("gw-b")]
        let state = F.applied(gateways: gateways, connections: [F.connection("dc1")])
        let cross = F.connection("dc1", bind: .crossAccount(cenId: "cen-9", cenOwnerUid: "42", payer: .resourceOwner))
        let plan = F.plan(gateways: gateways, connections: [cross], state: state)
        let disable = try position(plan, "VpnConnection/dc1:routeTablePropagation:delete")
        let dissociate = try position(plan, "VpnConnection/dc1:routeTableAssociation:delete")
        let detach = try position(plan, "VpnConnection/dc1:transitRouterAttachment:delete")
        let grant = try position(plan, "VpnConnection/dc1:grant:grant")
        #expect(disable < dissociate && dissociate < detach && detach < grant)
        #expect(!F.steps(plan).contains("VpnConnection/dc1:connection:modify"))
    }

    @Test func crossToCurrentRevokesThenAttaches() throws {
        let gateways = [F.gateway("gw-a"), F.gateway("gw-b")]
        let cross = F.connection("dc1", bind: .crossAccount(cenId: "cen-9", cenOwnerUid: "42", payer: .cenOwner))
        let state = F.applied(gateways: gateways, connections: [cross])
        let plan = F.plan(gateways: gateways, connections: [F.connection("dc1")], state: state)
        #expect(try position(plan, "VpnConnection/dc1:grant:revoke") < position(plan, "VpnConnection/dc1:transitRouterAttachment:create"))
    }

    @Test func samePlanForSameInputs() {
        let gateways = (0..<20).map { F.gateway("gw-\($0)", ip: "203.0.113.\($0 + 1)") }
        let connections = (0..<10).map { F.connection("c\($0)", gateways: ("gw-\($0)", "gw-\($0 + 10)")) }
        let first = F.plan(gateways: gateways, connections: connections)
        let second = F.plan(gateways: gateways.reversed(), connections: connections.reversed())
        #expect(first == second)
    }

    @Test func targetIncludesDependenciesOnly() {
        let gateways = [F.gateway("gw-a"), F.gateway("gw-b"), F.gateway("gw-c"), F.gateway("gw-d")]
        let connections = [F.connection("dc1"), F.connection("dc2", gateways: ("gw-c", "gw-d"))]
        let plan = F.plan(gateways: gateways, connections: connections, targets: [ResourceAddress(.vpnConnection, "dc1")])
        let addresses = Set(plan.operations.map(\.address.description))
        #expect(addresses == ["VpnConnection/dc1", "CustomerGateway/gw-a", "CustomerGateway/gw-b"])
        #expect(plan.warnings.first?.contains("partial") == true)
    }

    @Test func noChangesWhenStateMatches() {
        let gateways = [F.gateway("gw-a"), F.gateway("gw-b")]
        let connections = [F.connection("dc1"), F.connection("p1", bind: .crossAccount(cenId: "cen-2", cenOwnerUid: "1", payer: .cenOwner))]
        let plan = F.plan(gateways: gateways, connections: connections, state: F.applied(gateways: gateways, connections: connections))
        #expect(plan.isEmpty)
    }
}

@Suite("Planner: in place or replace")
struct PlannerReplaceTests {
    typealias F = PlannerFixture
    static let gateways = [F.gateway("gw-a"), F.gateway("gw-b")]

    static let inPlace: [(String, @Sendable (inout VpnConnection) -> Void)] = [
        ("ike encryption", { $0.tunnels[0].ike.encryption = .aes256 }),
        ("effectImmediately", { $0.effectImmediately = false }),
        ("bgp enabled after creation", { connection in
            connection.bgp.enabled = true
            connection.tunnels[0].bgp = TunnelBGP(tunnelCidr: IPv4Network("169.254.10.0/30")!, localIp: IPv4Address("169.254.10.1")!)
            connection.tunnels[1].bgp = TunnelBGP(tunnelCidr: IPv4Network("169.254.11.0/30")!, localIp: IPv4Address("169.254.11.1")!)
        }),
        ("ipsec pfs", { $0.tunnels[1].ipsec.dhGroup = .disabled }),
        ("tags", { $0.tags = ["team": "net"] }),
        ("resource group", { $0.resourceGroup = "rg-1" }),
        ("dpd", { $0.tunnels[1].dpd = false }),
    ]

    @Test(arguments: inPlace.map(\.0))
    func connectionChangesInPlace(_ name: String) throws {
        let edit = try #require(Self.inPlace.first { $0.0 == name }?.1)
        let state = F.applied(gateways: Self.gateways, connections: [F.connection("dc1")])
        let plan = F.plan(gateways: Self.gateways, connections: [F.connection("dc1", configure: edit)], state: state)
        #expect(F.steps(plan) == ["VpnConnection/dc1:connection:modify"])
        #expect(plan.operations[0].changes.allSatisfy { !$0.forcesReplacement })
        #expect(plan.operations[0].cloudId == "vco-dc1")
    }

    @Test(arguments: ["gatewayType", "tunnelBandwidth"])
    func connectionReplaced(_ attribute: String) throws {
        let state = F.applied(gateways: Self.gateways, connections: [F.connection("dc1")])
        let changed = F.connection("dc1") { c in
            if attribute == "gatewayType" { c.gatewayType = .private } else { c.tunnelBandwidth = .large }
        }
        let gateways = attribute == "gatewayType"
            ? [F.gateway("gw-a", ip: "10.0.0.1"), F.gateway("gw-b", ip: "10.0.0.2")] : Self.gateways
        let plan = F.plan(gateways: gateways, connections: [changed], state: state)
        let replace = try #require(plan.operations.first { $0.object == .connection && $0.action == .replace })
        #expect(replace.reason == "\(attribute) cannot change in place")
        #expect(replace.changes.contains { $0.name == attribute && $0.forcesReplacement })
        // Create before destroy: the new connection is bound before the old one is torn down.
        let steps = F.steps(plan)
        let newAttach = try #require(steps.firstIndex(of: "VpnConnection/dc1:transitRouterAttachment:create"))
        let oldDelete = try #require(steps.firstIndex(of: "VpnConnection/dc1:connection:delete"))
        #expect(newAttach < oldDelete)
        #expect(plan.operations[oldDelete].cloudId == "vco-dc1")
    }

    @Test(arguments: ["ipAddress", "asn"])
    func gatewayReplacedAndOldDeletedAfterConnectionsMove(_ attribute: String) throws {
        let state = F.applied(gateways: Self.gateways, connections: [F.connection("dc1")])
        let changed = attribute == "ipAddress" ? F.gateway("gw-b", ip: "203.0.113.99") : F.gateway("gw-b", asn: 65020)
        let plan = F.plan(gateways: [F.gateway("gw-a"), changed], connections: [F.connection("dc1")], state: state)
        let steps = F.steps(plan)
        let replace = try #require(steps.firstIndex(of: "CustomerGateway/gw-b:customerGateway:replace"))
        let modify = try #require(steps.firstIndex(of: "VpnConnection/dc1:connection:modify"))
        let delete = try #require(steps.firstIndex(of: "CustomerGateway/gw-b:customerGateway:delete"))
        #expect(replace < modify && modify < delete)
        #expect(plan.operations[replace].changes.contains { $0.name == attribute && $0.forcesReplacement })
        #expect(plan.operations[delete].cloudId == "cgw-gw-b")
    }

    @Test(arguments: ["name", "description", "tags"])
    func gatewayChangesInPlace(_ attribute: String) {
        let state = F.applied(gateways: Self.gateways, connections: [])
        var changed = F.gateway("gw-a")
        switch attribute {
        case "description": changed.description = "edge"
        case "tags": changed.tags = ["a": "b"]
        default: changed.name = "gw-a"; changed.description = "renamed"
        }
        let plan = F.plan(gateways: [changed, Self.gateways[1]], connections: [], state: state)
        #expect(F.steps(plan) == ["CustomerGateway/gw-a:customerGateway:modify"])
    }

    @Test func keyChangeIsSensitiveAndInPlace() throws {
        var connection = F.connection("dc1")
        connection.tunnels[0].preSharedKey = .env("PSK")
        var state = F.applied(gateways: Self.gateways, connections: [connection])
        let digest = try SecretDigest(of: "old-key", iterations: 1000)
        state[connection.address]?.connection?.tunnels[0].preSharedKeyDigest = digest
        let unchanged = F.plan(gateways: Self.gateways, connections: [connection], state: state,
                               secrets: ResolvedSecrets([.preSharedKey(connection: "dc1", tunnel: 0): "old-key"]))
        #expect(unchanged.isEmpty)
        let changed = F.plan(gateways: Self.gateways, connections: [connection], state: state,
                             secrets: ResolvedSecrets([.preSharedKey(connection: "dc1", tunnel: 0): "new-key"]))
        let change = try #require(changed.operations.first?.changes.first)
        #expect(change.name == "tunnel1.preSharedKey" && change.sensitive)
        #expect(change.before == "(sensitive)" && change.after == "(sensitive)")
        #expect(!(try CanonicalJSON.string(changed)).contains("new-key"))
    }
}
