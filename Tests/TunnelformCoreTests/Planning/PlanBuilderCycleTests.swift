import Testing
@testable import TunnelformCore

/// Operations that wait for each other cannot be ordered: the builder says which, instead of giving
/// some of them level 0.
@Suite("PlanBuilder: dependency cycles")
struct PlanBuilderCycleTests {
    static func operation(_ name: String, waitsFor: [String] = []) -> PlanOperation {
        PlanOperation(address: ResourceAddress(.vpnConnection, name), object: .connection, action: .modify, region: "cn-hangzhou",
                      reason: "test", waitsFor: waitsFor.map { PlanOperation.id(address: ResourceAddress(.vpnConnection, $0), object: .connection, action: .modify) })
    }

    @Test func aCycleIsReturnedInTheOrderItWaits() {
        var builder = PlanBuilder()
        builder.add(Self.operation("a", waitsFor: ["c"]))
        builder.add(Self.operation("b", waitsFor: ["a"]))
        builder.add(Self.operation("c", waitsFor: ["b"]))
        builder.add(Self.operation("free"))
        let (operations, cycle) = builder.ordered()
        #expect(operations.isEmpty)
        #expect(Set(cycle.map(\.address.name)) == ["a", "b", "c"])
    }

    @Test func aLongChainIsOrderedWithoutRecursion() {
        var builder = PlanBuilder()
        let count = 50_000
        for index in 0..<count { builder.add(Self.operation("op\(index)", waitsFor: index == 0 ? [] : ["op\(index - 1)"])) }
        let (operations, cycle) = builder.ordered()
        #expect(cycle.isEmpty)
        #expect(operations.count == count)
        #expect(operations.first?.address.name == "op0" && operations.last?.address.name == "op\(count - 1)")
    }
}
