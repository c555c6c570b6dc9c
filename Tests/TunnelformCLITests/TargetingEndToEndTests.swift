import Foundation
import Testing
import TunnelformCore
import TunnelformTestSupport

/// `--target` on plan, apply and destroy: the targets and what they depend on (for destroy, what
/// depends on them), nothing else, with a warning that the plan is partial.
@Suite("targeting end to end", .serialized)
struct TargetingEndToEndTests {
    static func addresses(_ outcome: BinaryRunner.Outcome) throws -> Set<String> {
        Set(try CanonicalJSON.decode(Plan.self, from: Data(outcome.stdout.utf8)).operations.map(\.address.description))
    }

    @Test func planAndApplyIncludeDependenciesAndExcludeTheRest() throws {
        var project = try Project()
        let plan = try project.run("plan", "--json", "--target", "VpnConnection/shanghai-dc")
        #expect(plan.status == 0, "\(plan.all)")
        #expect(try Self.addresses(plan) == ["VpnConnection/shanghai-dc", "CustomerGateway/shanghai-edge-1", "CustomerGateway/shanghai-edge-2"])
        let decoded = try CanonicalJSON.decode(Plan.self, from: Data(plan.stdout.utf8))
        #expect(decoded.warnings.contains { $0.contains("This plan is partial") })

        let human = try project.run("plan", "--target", "VpnConnection/shanghai-dc", "--target", "CustomerGateway/partner-hq")
        #expect(human.stdout.contains("Warning: This plan is partial: only CustomerGateway/partner-hq, VpnConnection/shanghai-dc and what they depend on."))
        #expect(!human.stdout.contains("VpnConnection/partner-link"))
        #expect(!human.stdout.contains("beijing"))

        let applied = try project.run("apply", "--auto-approve", "--target", "VpnConnection/shanghai-dc")
        #expect(applied.status == 0, "\(applied.all)")
        #expect(applied.stdout.contains("This plan is partial"))
        let state = try CloudConsole(folder: project.folder).state()
        #expect(Set(state.addresses.map(\.description)) == ["VpnConnection/shanghai-dc", "CustomerGateway/shanghai-edge-1", "CustomerGateway/shanghai-edge-2"])
        #expect(try project.cloudObjects().connections.map(\.name) == ["shanghai-dc"])

        let bad = try project.run("plan", "--target", "shanghai-dc")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("--target shanghai-dc is not an address"))
        let unknown = try project.run("plan", "--target", "VpnConnection/shanghai-cd")
        #expect(unknown.status == 1, "an address in neither the manifests nor the state is not 'No changes'")
        #expect(unknown.stderr.contains("is in neither the manifests nor the state (did you mean 'VpnConnection/shanghai-dc'?)"), "\(unknown.stderr)")
    }

    @Test func destroyTakesWhatDependsOnTheTarget() throws {
        var project = try Project()
        #expect(try project.run("apply", "--auto-approve").status == 0)
        let destroyed = try project.run("destroy", "--auto-approve", "--target", "CustomerGateway/shanghai-edge-1")
        #expect(destroyed.status == 0, "\(destroyed.all)")
        #expect(destroyed.stdout.contains("This plan is partial: only CustomerGateway/shanghai-edge-1 and what depends on them."))
        let state = try CloudConsole(folder: project.folder).state()
        let left = Set(state.addresses.map(\.description))
        #expect(!left.contains("CustomerGateway/shanghai-edge-1"))
        #expect(!left.contains("VpnConnection/shanghai-dc"), "the connection using the gateway goes first")
        #expect(left.isSuperset(of: ["CustomerGateway/shanghai-edge-2", "VpnConnection/beijing-office", "VpnConnection/partner-link"]))

        let onlyConnection = try project.run("destroy", "--auto-approve", "--target", "VpnConnection/beijing-office")
        #expect(onlyConnection.status == 0, "\(onlyConnection.all)")
        let after = Set(try CloudConsole(folder: project.folder).state().addresses.map(\.description))
        #expect(!after.contains("VpnConnection/beijing-office"))
        #expect(after.contains("CustomerGateway/beijing-fw"), "destroying a connection keeps the gateways it used")
    }
}
