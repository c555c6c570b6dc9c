import Foundation
import Testing
import TunnelformTestSupport
@testable import TunnelformCLI
import TunnelformCore
import TunnelformSimulator

/// The views, rendered in this process from what the `Reconciler` returns, pinned as golden files:
/// the human plan, `plan --json`, drift, `show` and `show --json`, `graph` and the destroy plan.
@Suite("views, in process")
struct ViewGoldenTests {
    private let console = Console(noColor: true)

    @Test func initialPlanAsTextJSONAndGraph() async throws {
        let project = try InProcessProject()
        defer { project.remove() }
        let plan = try await project.reconciler().plan(PlanRequest()).plan
        try Golden.runs.check(project.normalized(PlanView(console: console).render(plan)), "views/plan-initial.txt")
        try Golden.runs.check(project.normalized(try CanonicalJSON.string(plan)), "views/plan-initial.json")
        try Golden.runs.check(project.normalized(GraphView.dot(plan)), "views/graph-initial.dot")
    }

    @Test func showAsTextAndJSON() async throws {
        let project = try InProcessProject()
        defer { project.remove() }
        #expect(try await project.apply().succeeded)
        let state = try await project.reconciler().readState()
        var inventories: [String: CloudInventory] = [:]
        for region in state.regions { inventories[region] = await project.cloud.inventory(region: region) }
        let view = ShowView(state: state, inventories: inventories, revealSecrets: false)
        try Golden.runs.check(project.normalized(view.text(state.addresses)), "views/show.txt")
        try Golden.runs.check(project.normalized(try view.json(state.addresses)), "views/show.json")
    }

    @Test func driftFromAConsoleChange() async throws {
        let project = try InProcessProject()
        defer { project.remove() }
        #expect(try await project.apply().succeeded)
        let state = try await project.reconciler().readState()
        let address = try #require(state.addresses.first { $0.kind == .vpnConnection })
        let resource = try #require(state[address])
        let id = try #require(resource.connection?.id)
        try await project.cloud.consoleModifyConnection(region: resource.region, connectionId: id) { $0.tags["changed-in"] = "console" }
        let plan = try await project.reconciler().plan(PlanRequest()).plan
        #expect(!plan.drift.isEmpty)
        try Golden.runs.check(project.normalized(DriftView(console: console).render(plan.drift)), "views/drift.txt")
        try Golden.runs.check(project.normalized(PlanView(console: console).render(plan)), "views/plan-after-drift.txt")
    }

    @Test func destroyPlanAndItsSummary() async throws {
        let project = try InProcessProject()
        defer { project.remove() }
        #expect(try await project.apply().succeeded)
        let plan = try await project.reconciler().plan(PlanRequest(mode: .destroy)).plan
        try Golden.runs.check(project.normalized(PlanView(console: console, destroying: true).render(plan)), "views/plan-destroy.txt")
        let outcome = try await project.apply(.destroy)
        #expect(ApplySummaryView(console: console).render(outcome).hasPrefix("Destroy complete! 0 created, 0 modified, 0 granted,"))
        let empty = try await project.reconciler().plan(PlanRequest(mode: .destroy)).plan
        #expect(PlanView(console: console, destroying: true).render(empty).contains("Nothing to destroy."))
    }
}
