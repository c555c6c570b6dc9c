import Testing
import TunnelformCore

@Suite("Attributes")
struct AttributesTests {
    typealias F = PlannerFixture

    /// `changes` skips flattening equal objects; whatever it returns must be what `diff` of the
    /// flattened attributes says.
    static func flattenedDiff(_ before: VpnConnection, _ beforeIds: [String: String], _ after: VpnConnection,
                              _ afterIds: [String: String]) -> [AttributeChange] {
        Attributes.diff(Attributes.connection(before, gatewayIds: beforeIds), Attributes.connection(after, gatewayIds: afterIds))
    }

    @Test(arguments: PlannerReplaceTests.inPlace.map(\.0))
    func connectionChangesAreTheDiffOfAttributes(_ name: String) throws {
        let edit = try #require(PlannerReplaceTests.inPlace.first { $0.0 == name }?.1)
        let before = F.connection("dc1")
        let after = F.connection("dc1", configure: edit)
        let changes = Attributes.changes(from: before, gatewayIds: [:], to: after, gatewayIds: [:])
        #expect(!changes.isEmpty)
        #expect(changes == Self.flattenedDiff(before, [:], after, [:]))
    }

    @Test func equalConnectionsHaveNoChanges() {
        let ids = ["gw-a": "cgw-a", "gw-b": "cgw-b"]
        #expect(Attributes.changes(from: F.connection("dc1"), gatewayIds: ids, to: F.connection("dc1"), gatewayIds: ids).isEmpty)
    }

    @Test func gatewayIdsAreCompared() {
        let changes = Attributes.changes(from: F.connection("dc1"), gatewayIds: ["gw-a": "cgw-a"],
                                         to: F.connection("dc1"), gatewayIds: ["gw-a": "new"])
        #expect(changes.map(\.name) == ["tunnel1.customerGateway"])
        #expect(changes.first?.after == "gw-a (new)")
    }

    /// The binding and route settings are not connection attributes: unequal connections can have no changes.
    @Test func changesOutsideTheAttributesAreNone() {
        let after = F.connection("dc1") { $0.routes.advertise = false }
        #expect(Attributes.changes(from: F.connection("dc1"), gatewayIds: [:], to: after, gatewayIds: [:]).isEmpty)
    }

    @Test func gatewayChangesAreTheDiffOfAttributes() {
        let before = F.gateway("gw-a")
        #expect(Attributes.changes(from: before, to: before).isEmpty)
        let after = F.gateway("gw-a", asn: 65020)
        let changes = Attributes.changes(from: before, to: after)
        #expect(changes == Attributes.diff(Attributes.customerGateway(before), Attributes.customerGateway(after)))
        #expect(changes.map(\.name) == ["asn"] && changes[0].forcesReplacement)
    }

    @Test func newAndRemovedObjectsChangeEveryAttribute() {
        let attributes = Attributes.connection(F.connection("dc1"))
        let created = Attributes.diff(nil, attributes)
        #expect(created.map(\.name) == attributes.map(\.name))
        #expect(created.allSatisfy { $0.before == nil && !$0.forcesReplacement })
        let removed = Attributes.diff(attributes, nil)
        #expect(removed.map(\.name) == attributes.map(\.name))
        #expect(removed.allSatisfy { $0.after == nil && !$0.forcesReplacement })
    }

    @Test func tunnelsBeyondTwoAreNamedToo() {
        var connection = F.connection("dc1")
        connection.tunnels.append(Tunnel(customerGateway: "gw-c"))
        let names = Attributes.connection(connection).map(\.name)
        #expect(names.contains("tunnel2.ike.version") && names.contains("tunnel3.ike.version"))
    }

    @Test func objectsAreOrderedAsDeclared() {
        #expect(PlanObject.allCases.sorted() == PlanObject.allCases)
    }
}
