import Foundation
import Testing
import TunnelformCore
import TunnelformSimulator

/// The `Reconciler` through its public surface: what it reports, returns and throws, and that the
/// lock and the state are left right on every path.
@Suite("reconciler, in process")
struct ReconcilerTests {
    @Test func planReportsEachRegionAndTakesNoLock() async throws {
        let project = try InProcessProject()
        defer { project.remove() }
        let observer = RecordingObserver()
        let reconciliation = try await project.reconciler(observer).plan(PlanRequest())
        let regions = Set(reconciliation.manifests.model.connections.map(\.value.region))
        #expect(Set(observer.events.filter { $0.hasPrefix("refreshing ") }.map { String($0.dropFirst("refreshing ".count)) }) == regions)
        #expect(!observer.events.contains { $0.hasPrefix("locked") })
        #expect(reconciliation.hasChanges)
        #expect(!FileManager.default.fileExists(atPath: project.statePath))
    }

    @Test func applyAsksThenConvergesAndReleasesTheLock() async throws {
        let project = try InProcessProject()
        defer { project.remove() }
        let observer = RecordingObserver()
        let outcome = try await project.reconciler(observer).apply(ApplyRequest(plan: PlanRequest()))
        #expect(outcome.succeeded)
        let events = observer.events
        let asked = try #require(events.firstIndex(of: "asked to apply"))
        let applying = try #require(events.firstIndex(of: "applying"))
        #expect(events.first == "locked tunnelform apply")
        #expect(asked < applying)
        #expect(events.filter { $0.hasPrefix("completed ") }.count == outcome.plan.operations.count)
        #expect(!FileManager.default.fileExists(atPath: project.statePath + ".lock"))
        let again = try await project.reconciler().plan(PlanRequest())
        #expect(!again.hasChanges)
    }

    @Test func aDeclinedPlanChangesNothingAndReleasesTheLock() async throws {
        let project = try InProcessProject()
        defer { project.remove() }
        let observer = RecordingObserver(answer: .declined("Cancelled: nothing was changed."))
        await #expect(throws: ReconcileError.self) { try await project.reconciler(observer).apply(ApplyRequest(plan: PlanRequest())) }
        #expect(!observer.events.contains("applying"))
        #expect(!FileManager.default.fileExists(atPath: project.statePath))
        #expect(!FileManager.default.fileExists(atPath: project.statePath + ".lock"))
        #expect(await project.cloud.inventory(region: "cn-shanghai").connections.isEmpty)
    }

    @Test func aHeldLockIsAnErrorNamingItsHolder() async throws {
        let project = try InProcessProject()
        defer { project.remove() }
        let lease = try await LocalStateBackend(path: project.statePath).lock(command: "tunnelform apply", timeout: .zero, tookOver: { _ in })
        defer { lease.releaseBeforeExit() }
        do {
            _ = try await project.reconciler().apply(ApplyRequest(plan: PlanRequest(), confirm: false))
            Issue.record("the apply went ahead under someone else's lock")
        } catch let error as ReconcileError {
            guard case .lock = error else { throw error }
            #expect("\(error)".contains("locked by tunnelform apply by ") && "\(error)".contains("(pid \(getpid()) on "))
        }
    }

    @Test func anUnknownTargetNamesTheNearestAddress() async throws {
        let project = try InProcessProject()
        defer { project.remove() }
        do {
            _ = try await project.reconciler().plan(PlanRequest(targets: ["VpnConnection/shanghai-d"]))
            Issue.record("an unknown target was planned")
        } catch let error as ReconcileError {
            guard case .target = error else { throw error }
            #expect("\(error)".contains("VpnConnection/shanghai-dc"))
        }
    }

    @Test func manifestErrorsAreThrownWithTheirDiagnosticsAndNothingIsRefreshed() async throws {
        let project = try InProcessProject()
        defer { project.remove() }
        try project.edit("shanghai-bgp.yaml", "kind: VpnConnection", "kind: VpnConnection\nbogusField: 1")
        let observer = RecordingObserver()
        do {
            _ = try await project.reconciler(observer).plan(PlanRequest())
            Issue.record("manifests with errors were planned")
        } catch let error as ReconcileError {
            guard case .manifests = error else { throw error }
            let diagnostic = try #require(error.diagnostics.first { $0.severity == .error })
            #expect(diagnostic.location?.file.hasSuffix("shanghai-bgp.yaml") == true)
            #expect(diagnostic.message.contains("bogusField"))
        }
        // The diagnostics are thrown, not also reported: each is printed once.
        #expect(!observer.events.contains { $0.hasPrefix("diagnostic") })
    }

    @Test func refreshOnlyWritesWhatTheCloudHasAndNothingElse() async throws {
        let project = try InProcessProject()
        defer { project.remove() }
        #expect(try await project.apply().succeeded)
        let before = try await project.reconciler().readState()
        let unchanged = try await project.reconciler().apply(ApplyRequest(plan: PlanRequest(mode: .refreshOnly), confirm: false))
        guard case .refreshed(let serial, let changed) = unchanged.result else { Issue.record("not a refresh-only outcome"); return }
        #expect(!changed)
        #expect(serial == before.serial)
        #expect(try await project.reconciler().readState() == before)
    }
}
