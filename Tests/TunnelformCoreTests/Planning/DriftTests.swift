import Foundation
import Testing
import TunnelformCore

/// Builds the cloud inventory that matches an applied state, as the provider would report it,
/// with the values the cloud fills in by itself (gateway IPs, default ids, resource group).
enum CloudFixture {
    static func inventory(for state: State, keys: [String: String] = [:]) -> CloudInventory {
        var inventory = CloudInventory(region: "cn-hangzhou")
        for address in state.addresses {
            guard let resource = state[address] else { continue }
            if let gateway = resource.customerGateway {
                inventory.customerGateways.append(CloudCustomerGateway(
                    id: gateway.id, name: gateway.applied.name, ipAddress: gateway.applied.ipAddress, asn: gateway.applied.asn,
                    authKey: keys[gateway.id], description: gateway.applied.description, tags: gateway.applied.tags, createTime: 1))
            }
            guard let record = resource.connection else { continue }
            let applied = record.applied
            let tunnels = applied.tunnels.enumerated().map { index, tunnel in
                let ip = IPv4Address("198.18.0.\(index + 1)")
                var ike = tunnel.ike
                ike.localId = ike.localId ?? ip?.description
                let gatewayIp = state.addresses.compactMap { state[$0]?.customerGateway }
                    .first { $0.id == record.tunnels[index].customerGatewayId }?.applied.ipAddress
                ike.remoteId = ike.remoteId ?? gatewayIp?.description
                return CloudTunnel(id: record.tunnels[index].id, index: index + 1, customerGatewayId: record.tunnels[index].customerGatewayId,
                                   state: .active, status: .ipsecSAEstablished, gatewayIp: ip,
                                   preSharedKey: keys[record.tunnels[index].id] ?? "GeneratedKey0001", ike: ike, ipsec: tunnel.ipsec,
                                   dpd: tunnel.dpd, natTraversal: tunnel.natTraversal, bgp: tunnel.bgp, bgpStatus: nil)
            }
            inventory.connections.append(CloudConnection(
                id: record.id, name: applied.name, state: .attached, gatewayType: applied.gatewayType,
                localSubnets: applied.wireLocalSubnets, remoteSubnets: applied.wireRemoteSubnets, effectImmediately: applied.effectImmediately,
                enableTunnelsBgp: applied.bgp.enabled, tunnelBandwidth: applied.tunnelBandwidth, resourceGroupId: "rg-default-group",
                tags: applied.tags, transitRouterId: "tr-1", cenId: applied.bind.cenId, crossAccountAuthorized: false,
                tunnels: tunnels, createTime: 1))
            if let attachment = record.attachment {
                inventory.transitRouterAttachments.append(CloudTransitRouterAttachment(
                    id: attachment.id, vpnId: record.id, cenId: attachment.cenId, transitRouterId: "tr-1", status: .attached,
                    autoPublishRouteEnabled: attachment.autoPublishRoutes))
                if record.associated { inventory.routeTableAssociations.append(CloudRouteTableLink(attachmentId: attachment.id, routeTableId: "vtb-1", status: .active)) }
                if record.propagating { inventory.routeTablePropagations.append(CloudRouteTableLink(attachmentId: attachment.id, routeTableId: "vtb-1", status: .active)) }
            }
            if let grant = record.grant {
                inventory.grants.append(CloudGrant(vpnId: record.id, cenId: grant.cenId, cenOwnerUid: grant.cenOwnerUid, payer: grant.payer))
            }
        }
        return inventory
    }
}

@Suite("Refresher: drift")
struct DriftTests {
    typealias F = PlannerFixture
    static let key = "manifest-Key_1"

    /// Two gateways and one connection whose tunnel 1 has a declared key (digest recorded), tunnel 2 a generated one.
    static func world() throws -> (gateways: [CustomerGateway], connection: VpnConnection, state: State, secrets: ResolvedSecrets) {
        let gateways = [F.gateway("gw-a"), F.gateway("gw-b", ip: "203.0.113.11")]
        let connection = F.connection("dc1") { $0.tunnels[0].preSharedKey = .env("K1") }
        var state = F.applied(gateways: gateways, connections: [connection])
        state[connection.address]?.connection?.tunnels[0].preSharedKeyDigest = try SecretDigest(of: key, iterations: 1000)
        var secrets = ResolvedSecrets()
        secrets[.preSharedKey(connection: "dc1", tunnel: 0)] = key
        return (gateways, connection, state, secrets)
    }

    static func refresh(_ state: State, _ inventory: CloudInventory) -> Refresher.Result {
        Refresher().refresh(state, inventories: ["cn-hangzhou": inventory])
    }

    static func plan(_ world: (gateways: [CustomerGateway], connection: VpnConnection, state: State, secrets: ResolvedSecrets),
                     _ result: Refresher.Result) -> Plan {
        Planner().plan(Planner.Input(customerGateways: world.gateways, connections: [world.connection], secrets: world.secrets,
                                     state: result.state, deletedOutside: result.deletedOutside, drift: result.drift))
    }

    @Test func cloudFilledValuesAreNotDrift() throws {
        let world = try Self.world()
        let inventory = CloudFixture.inventory(for: world.state, keys: ["tun-dc1-1": Self.key])
        let result = Self.refresh(world.state, inventory)
        #expect(result.drift.isEmpty, "\(result.drift)")
        #expect(Self.plan(world, result).isEmpty)
        #expect(result.state[world.connection.address]?.connection?.tunnels[0].gatewayIp == IPv4Address("198.18.0.1"))
    }

    @Test(arguments: ["", "******"])
    func emptyOrMaskedKeysAreUnknown(_ returned: String) throws {
        let world = try Self.world()
        let result = Self.refresh(world.state, CloudFixture.inventory(for: world.state, keys: ["tun-dc1-1": returned]))
        #expect(result.drift.isEmpty)
        #expect(Self.plan(world, result).isEmpty)
    }

    @Test func changedKeyIsFoundByItsDigest() throws {
        let world = try Self.world()
        let result = Self.refresh(world.state, CloudFixture.inventory(for: world.state, keys: ["tun-dc1-1": "typed-in-console"]))
        let drift = try #require(result.drift.first)
        #expect(drift.changes == [AttributeChange(name: "tunnel1.preSharedKey", before: "(sensitive)", after: "(sensitive)", sensitive: true)])
        #expect(result.state[world.connection.address]?.connection?.tunnels[0].preSharedKeyDigest?.matches("typed-in-console") == true)
        let plan = Self.plan(world, result)
        #expect(plan.operations.map(\.reason) == ["changed outside Tunnelform"])
        #expect(plan.drift == result.drift)
        #expect(!(String(decoding: try CanonicalJSON.encode(plan), as: UTF8.self)).contains("typed-in-console"))
    }

    @Test func tunnelSettingAndAttributeChanges() throws {
        let world = try Self.world()
        var inventory = CloudFixture.inventory(for: world.state, keys: ["tun-dc1-1": Self.key])
        inventory.connections[0].tunnels[1].ike.dhGroup = .group14
        inventory.connections[0].tunnels[1].customerGatewayId = "cgw-gw-a"
        inventory.connections[0].tunnels[1].ike.remoteId = "203.0.113.10"
        inventory.connections[0].effectImmediately = false
        inventory.customerGateways[0].description = "edited"
        let result = Self.refresh(world.state, inventory)
        let connection = try #require(result.drift.first { $0.object == .connection })
        #expect(Set(connection.changes.map(\.name)) == ["effectImmediately", "tunnel2.customerGateway", "tunnel2.ike.dhGroup"])
        let moved = try #require(connection.changes.first { $0.name == "tunnel2.customerGateway" })
        #expect(moved.before == "gw-b (cgw-gw-b)" && moved.after == "gw-a (cgw-gw-a)")
        let gateway = try #require(result.drift.first { $0.object == .customerGateway })
        #expect(gateway.changes == [AttributeChange(name: "description", before: nil, after: "edited")])
        let plan = Self.plan(world, result)
        #expect(Set(plan.operations.map(\.reason)) == ["changed outside Tunnelform"])
        #expect(Set(plan.operations.map(\.action)) == [.modify])
    }

    @Test func deletedDetachedAndLinksSwitchedOutside() throws {
        var world = try Self.world()
        world.connection.routes.propagateToDefaultRouteTable = false
        world.state[world.connection.address]?.connection?.propagating = false
        world.state[world.connection.address]?.connection?.applied.routes.propagateToDefaultRouteTable = false
        var inventory = CloudFixture.inventory(for: world.state, keys: ["tun-dc1-1": Self.key])
        inventory.routeTablePropagations.append(CloudRouteTableLink(attachmentId: "tr-attach-dc1", routeTableId: "vtb-1", status: .active))
        inventory.routeTableAssociations = []
        let result = Self.refresh(world.state, inventory)
        #expect(result.drift.map { "\($0.object.rawValue) \($0.kind.rawValue)" } == ["routeTableAssociation deleted", "routeTablePropagation added"])
        let plan = Self.plan(world, result)
        #expect(plan.operations.map { "\($0.object.rawValue) \($0.action.rawValue) \($0.reason)" }.sorted() == [
            "routeTableAssociation create deleted outside Tunnelform", "routeTablePropagation delete switched on outside Tunnelform"])

        inventory.transitRouterAttachments[0].status = .detaching
        let detached = Self.refresh(world.state, inventory)
        #expect(detached.drift.map(\.summary) == ["detached from its transit router"])
        #expect(detached.filled[world.connection.address]?.connection?.attachment != nil, "filled keeps the drift for the next plan")
        inventory.connections = []
        inventory.transitRouterAttachments = []
        let gone = Self.refresh(world.state, inventory)
        #expect(gone.drift.map(\.summary) == ["deleted"])
        #expect(gone.state[world.connection.address] == nil)
        #expect(Self.plan(world, gone).operations.first { $0.object == .connection }?.reason == "deleted outside Tunnelform")
    }

    /// A killed apply's own change (made in the cloud, not yet recorded) is not drift: the plan
    /// repeats the journaled operation so its token is reused and its result recorded.
    @Test func anInterruptedApplysChangesAreNotDrift() throws {
        var world = try Self.world()
        world.connection.tunnels[1].ike.dhGroup = .group14
        world.state[world.connection.address]?.connection?.propagating = false
        world.state.pendingOperations = [PendingOperation(operationId: "VpnConnection/dc1:connection:modify", address: world.connection.address,
                                                          token: "tf-1", startedAt: Date(timeIntervalSince1970: 0))]
        var inventory = CloudFixture.inventory(for: world.state, keys: ["tun-dc1-1": Self.key])
        inventory.connections[0].tunnels[1].ike.dhGroup = .group14
        inventory.routeTablePropagations.append(CloudRouteTableLink(attachmentId: "tr-attach-dc1", routeTableId: "vtb-1", status: .active))
        let result = Self.refresh(world.state, inventory)
        #expect(result.drift.isEmpty, "\(result.drift)")
        #expect(Self.plan(world, result).operations.map(\.id).sorted() == ["VpnConnection/dc1:connection:modify", "VpnConnection/dc1:routeTablePropagation:create"])
    }

    @Test func refreshOnlyPlanProposesNoCloudChange() throws {
        let world = try Self.world()
        var inventory = CloudFixture.inventory(for: world.state, keys: ["tun-dc1-1": Self.key])
        inventory.customerGateways[1].tags = ["owner": "console"]
        let result = Self.refresh(world.state, inventory)
        let plan = Planner().refreshOnlyPlan(Planner.Input(customerGateways: world.gateways, connections: [world.connection],
                                                           state: result.state, drift: result.drift))
        #expect(plan.refreshOnly && plan.isEmpty)
        #expect(plan.drift.map(\.address.description) == ["CustomerGateway/gw-b"])
        let saved = try CanonicalJSON.decode(Plan.self, from: try CanonicalJSON.encode(plan))
        #expect(saved == plan)
    }

    /// The cloud reports each BGP tunnel's `LocalAsn`, so an ASN changed in the console is drift; a tunnel
    /// that reports none (an older cloud, BGP off) leaves the recorded one alone.
    @Test(arguments: [(ASN?.none, false), (ASN(45104), false), (ASN(64999), true)])
    func aLocalASNChangedInTheConsoleIsDrift(_ reported: ASN?, _ drifts: Bool) throws {
        let gateways = [F.gateway("gw-a"), F.gateway("gw-b", ip: "203.0.113.11")]
        let connection = F.connection("dc1") { connection in
            connection.bgp.enabled = true
            connection.tunnels[0].bgp = TunnelBGP(tunnelCidr: IPv4Network("169.254.10.0/30")!, localIp: IPv4Address("169.254.10.1")!)
            connection.tunnels[1].bgp = TunnelBGP(tunnelCidr: IPv4Network("169.254.11.0/30")!, localIp: IPv4Address("169.254.11.1")!)
        }
        let state = F.applied(gateways: gateways, connections: [connection])
        var inventory = CloudFixture.inventory(for: state)
        for index in inventory.connections[0].tunnels.indices { inventory.connections[0].tunnels[index].localAsn = reported }
        let result = Self.refresh(state, inventory)
        let changes = result.drift.flatMap(\.changes).filter { $0.name == "bgp.localAsn" }
        #expect(changes == (drifts ? [AttributeChange(name: "bgp.localAsn", before: "45104", after: "64999")] : []), "\(result.drift)")
    }
}
