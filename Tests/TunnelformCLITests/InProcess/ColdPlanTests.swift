import Foundation
import Testing
import TunnelformCore
import TunnelformSimulator

/// A plan on a fresh clone, with no verification cache: keys the cloud reports equal to the
/// manifests' cost no slow derivation, and every other key is still checked against its digest.
@Suite("plans without a verification cache")
struct ColdPlanTests {
    private static let shanghai = ResourceAddress(.vpnConnection, "shanghai-dc")

    /// Applied, then the cache removed, as on a CI runner's fresh clone.
    private func freshClone() async throws -> InProcessProject {
        let project = try InProcessProject()
        #expect(try await project.apply().succeeded)
        try FileManager.default.removeItem(atPath: project.cachePath)
        return project
    }

    @Test func keysTheCloudReportsAsDeclaredAreNotDerived() async throws {
        let project = try await freshClone()
        defer { project.remove() }
        let reconciliation = try await project.reconciler().plan(PlanRequest())
        #expect(!reconciliation.hasChanges)
        #expect(reconciliation.plan.drift.isEmpty)
        // A derivation that matched would have been remembered, and the plan saves the cache.
        #expect(!FileManager.default.fileExists(atPath: project.cachePath))
    }

    @Test func aKeyChangedInTheConsoleIsStillDrift() async throws {
        let project = try await freshClone()
        defer { project.remove() }
        let id = try #require(try await project.reconciler().readState()[Self.shanghai]?.connection?.id)
        try await project.cloud.consoleModifyTunnel(region: "cn-shanghai", connectionId: id, index: 1) { $0.preSharedKey = "changed-in-console-1" }
        let reconciliation = try await project.reconciler().plan(PlanRequest())
        let drift = try #require(reconciliation.plan.drift.first { $0.address == Self.shanghai })
        #expect(drift.changes.contains { $0.name.contains("preSharedKey") && $0.sensitive })
        #expect(reconciliation.plan.operations.contains { $0.address == Self.shanghai && $0.action == PlanAction.modify })
    }

    @Test func aKeyChangedInTheManifestsIsStillPlanned() async throws {
        let project = try await freshClone()
        defer { project.remove() }
        try "a-new-key-for-tunnel-1".write(to: project.folder.appendingPathComponent("manifests/keys/shanghai-dc-tunnel1.psk"),
                                            atomically: true, encoding: .utf8)
        let reconciliation = try await project.reconciler().plan(PlanRequest())
        let modify = try #require(reconciliation.plan.operations.first { $0.address == Self.shanghai })
        #expect(modify.action == PlanAction.modify)
        #expect(modify.changes.contains { $0.name.contains("preSharedKey") && $0.sensitive })
        #expect(reconciliation.plan.drift.isEmpty)
    }
}
