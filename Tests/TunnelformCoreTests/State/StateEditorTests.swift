import Foundation
import Testing
import TunnelformCore

@Suite("StateEditor: rm, mv and Moved")
struct StateEditorTests {
    typealias F = PlannerFixture

    static let state = F.applied(gateways: [F.gateway("gw-a"), F.gateway("gw-b", ip: "203.0.113.11")], connections: [F.connection("dc")])
    static let dc = ResourceAddress(.vpnConnection, "dc")

    @Test func moveKeepsTheRecordUnderTheNewAddress() throws {
        let moved = try StateEditor.move(Self.dc, to: ResourceAddress(.vpnConnection, "dc-new"), in: Self.state)
        #expect(moved[ResourceAddress(.vpnConnection, "dc-new")] == Self.state[Self.dc])
        #expect(moved[Self.dc] == nil)
    }

    @Test func aMovedGatewayIsRenamedInTheConnectionsThatUseIt() throws {
        let moved = try StateEditor.move(ResourceAddress(.customerGateway, "gw-a"), to: ResourceAddress(.customerGateway, "edge-a"), in: Self.state)
        #expect(moved[Self.dc]?.connection?.applied.tunnels.map(\.customerGateway) == ["edge-a", "gw-b"])
    }

    @Test func refusals() {
        #expect(throws: StateEditError.notInState(ResourceAddress(.vpnConnection, "dcc"), suggestion: "VpnConnection/dc")) {
            try StateEditor.remove([ResourceAddress(.vpnConnection, "dcc")], from: Self.state)
        }
        #expect(throws: StateEditError.kindMismatch(from: Self.dc, to: ResourceAddress(.customerGateway, "dc"))) {
            try StateEditor.move(Self.dc, to: ResourceAddress(.customerGateway, "dc"), in: Self.state)
        }
        #expect(throws: StateEditError.targetExists(ResourceAddress(.customerGateway, "gw-b"))) {
            try StateEditor.move(ResourceAddress(.customerGateway, "gw-a"), to: ResourceAddress(.customerGateway, "gw-b"), in: Self.state)
        }
        var pending = Self.state
        pending.pendingOperations = [PendingOperation(operationId: "x", address: Self.dc, token: "tf-1", startedAt: .now)]
        #expect(throws: StateEditError.pendingOperation(Self.dc)) { try StateEditor.remove([Self.dc], from: pending) }
    }

    @Test func movedDocumentsAreHarmlessOnceApplied() throws {
        let move = StateMove(from: Self.dc, to: ResourceAddress(.vpnConnection, "dc-new"))
        let (once, applied) = try StateEditor.apply([move], to: Self.state)
        #expect(applied == [move])
        let (twice, again) = try StateEditor.apply([move], to: once)
        #expect(again.isEmpty)
        #expect(twice == once)
    }
}

/// A rebind changes no attribute of the connection itself; the state still records the binding it has
/// now, so `show` reports it.
@Suite("StateRecorder: bindings")
struct StateRecorderBindingTests {
    typealias F = PlannerFixture

    @Test func aGrantRecordsTheCrossAccountBinding() throws {
        var state = F.applied(gateways: [F.gateway("gw-a"), F.gateway("gw-b", ip: "203.0.113.11")], connections: [F.connection("dc")])
        let partner = Binding.crossAccount(cenId: "cen-partner", cenOwnerUid: "2234567890123456", payer: .cenOwner)
        let plan = F.plan(gateways: [F.gateway("gw-a"), F.gateway("gw-b", ip: "203.0.113.11")], connections: [F.connection("dc", bind: partner)], state: state)
        for operation in plan.operations { try StateRecorder.record(operation, createdId: nil, digests: [:], in: &state) }
        let record = try #require(state[ResourceAddress(.vpnConnection, "dc")]?.connection)
        #expect(record.applied.bind == partner)
        #expect(record.attachment == nil)
        #expect(record.grant?.cenId == "cen-partner")
    }
}
