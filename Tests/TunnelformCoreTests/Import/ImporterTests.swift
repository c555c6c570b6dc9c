import Foundation
import Testing
import TunnelformCore

@Suite("Importer")
struct ImporterTests {
    typealias F = PlannerFixture
    static let key = "manifest-Key_1"
    static let importer = Importer(digest: { try SecretDigest(of: $0, iterations: 1000) })

    /// A cloud holding `dc1` with its gateways, and manifests declaring them with a key on tunnel 1.
    static func world(returnedKey: String) -> (gateways: [CustomerGateway], connection: VpnConnection, inventory: CloudInventory) {
        let gateways = [F.gateway("gw-a"), F.gateway("gw-b", ip: "203.0.113.11")]
        let connection = F.connection("dc1") { $0.tunnels[0].preSharedKey = .env("K1") }
        let inventory = CloudFixture.inventory(for: F.applied(gateways: gateways, connections: [connection]), keys: ["tun-dc1-1": returnedKey])
        return (gateways, connection, inventory)
    }

    static func adoptAll(_ world: (gateways: [CustomerGateway], connection: VpnConnection, inventory: CloudInventory)) throws -> Importer.Outcome {
        var state = State()
        for gateway in world.gateways {
            state = try importer.importCustomerGateway(id: "cgw-\(gateway.name)", declared: gateway, inventory: world.inventory, state: state).state
        }
        return try importer.importConnection(id: "vco-dc1", declared: world.connection, inventory: world.inventory, state: state)
    }

    static func plan(_ world: (gateways: [CustomerGateway], connection: VpnConnection, inventory: CloudInventory), _ state: State) -> Plan {
        var secrets = ResolvedSecrets()
        secrets[.preSharedKey(connection: "dc1", tunnel: 0)] = key
        return Planner().plan(Planner.Input(customerGateways: world.gateways, connections: [world.connection], secrets: secrets, state: state))
    }

    @Test func adoptsWithBindingAndPlansClean() throws {
        let world = Self.world(returnedKey: Self.key)
        let outcome = try Self.adoptAll(world)
        #expect(outcome.notes.isEmpty)
        let record = try #require(outcome.state[world.connection.address]?.connection)
        #expect(record.attachment?.id == "tr-attach-dc1" && record.associated && record.propagating)
        #expect(record.tunnels.map(\.customerGatewayId) == ["cgw-gw-a", "cgw-gw-b"])
        #expect(Self.plan(world, outcome.state).isEmpty)
    }

    @Test(arguments: ["", "******"])
    func unknownKeyIsPlannedOnce(_ returned: String) throws {
        let world = Self.world(returnedKey: returned)
        let outcome = try Self.adoptAll(world)
        #expect(outcome.notes.contains { $0.contains("did not return the pre-shared key of tunnel 1") })
        let plan = Self.plan(world, outcome.state)
        #expect(plan.operations.map(\.action) == [.modify])
        #expect(plan.operations.first?.changes == [AttributeChange(name: "tunnel1.preSharedKey", before: "(unknown)", after: "(sensitive)", sensitive: true)])
    }

    @Test func differencesAreExactlyWhatTheManifestChanged() throws {
        var world = Self.world(returnedKey: Self.key)
        let outcome = try Self.adoptAll(world)
        world.connection.tunnels[1].ipsec.lifetime = 3600
        let plan = Self.plan(world, outcome.state)
        #expect(plan.operations.flatMap(\.changes).map(\.name) == ["tunnel2.ipsec.lifetime"])
    }

    @Test func refusals() throws {
        let world = Self.world(returnedKey: Self.key)
        let gateway = world.gateways[0]
        #expect(throws: ImportError.wrongKind(id: "vco-dc1", idKind: "an IPsec connection id", address: gateway.address)) {
            try Self.importer.importCustomerGateway(id: "vco-dc1", declared: gateway, inventory: world.inventory, state: State())
        }
        #expect(throws: ImportError.unknownId("12345")) {
            try Self.importer.check(id: "12345", address: gateway.address, state: State())
        }
        #expect(throws: ImportError.notFound(id: "cgw-missing", region: "cn-hangzhou")) {
            try Self.importer.importCustomerGateway(id: "cgw-missing", declared: gateway, inventory: world.inventory, state: State())
        }
        let adopted = try Self.importer.importCustomerGateway(id: "cgw-gw-a", declared: gateway, inventory: world.inventory, state: State()).state
        #expect(throws: ImportError.alreadyInState(gateway.address, id: "cgw-gw-a")) {
            try Self.importer.importCustomerGateway(id: "cgw-gw-a", declared: gateway, inventory: world.inventory, state: adopted)
        }
        #expect(throws: ImportError.managedElsewhere(id: "cgw-gw-a", address: gateway.address)) {
            try Self.importer.importCustomerGateway(id: "cgw-gw-a", declared: world.gateways[1], inventory: world.inventory, state: adopted)
        }
    }

    @Test func generatedManifestsHoldReferencesNotKeys() throws {
        let world = Self.world(returnedKey: Self.key)
        let output = try ManifestGenerator().generate(ids: ["vco-dc1"], inventories: [world.inventory])
        #expect(output.files.map(\.name) == ["dc1.yaml"])
        let text = try #require(output.files.first?.text)
        #expect(!text.contains(Self.key) && !text.contains("GeneratedKey0001"))
        #expect(text.contains("preSharedKey: {env: TUNNELFORM_PSK_DC1_TUNNEL1}"))
        #expect(text.contains("kind: CustomerGateway\nname: \"gw-a\""))
        #expect(output.adoptions.map(\.address.description) == ["CustomerGateway/gw-a", "CustomerGateway/gw-b", "VpnConnection/dc1"])
        #expect(ManifestWriter.quoted("a \"b\"\\\n") == "\"a \\\"b\\\"\\\\\\n\"")
    }
}
