import Foundation
import Testing
import TunnelformCore
import TunnelformTestSupport

/// Day-2 changes to a live BGP connection, through the `tunnelform` binary on both providers: keys the
/// cloud generated survive every modify, replacements and renames converge in one apply, and a saved
/// plan sends exactly the keys it showed.
@Suite("Day-2 changes on both providers", .serialized)
struct DayTwoEndToEndTests {
    typealias P = DayTwoProject

    /// `ModifyVpnAttachmentAttribute` gives a tunnel a new random key when its IKE block comes without
    /// one; a tag, a lifetime and an IKE proposal change in turn must leave the cloud's keys as they were.
    @Test(arguments: ProviderKind.allCases)
    func modifiesKeepTheKeysTheCloudGenerated(_ kind: ProviderKind) async throws {
        try await P.with(kind) { project in
            try project.write("gateways", P.gateways)
            try project.write("dc", P.connection())
            let first = try await project.run("apply", "--auto-approve")
            #expect(first.status == 0, "\(first.all)")
            let keys = try #require(try await project.cloudKeys()["VpnConnection/dc"])
            #expect(keys.count == 2 && keys.allSatisfy { $0.count == 16 }, "the cloud generated both keys")

            for (step, manifest) in [("a tag", P.connection(tags: "{site: shanghai, owner: netops}")),
                                     ("a lifetime", P.connection(tags: "{site: shanghai, owner: netops}", lifetime: 28800)),
                                     ("an IKE proposal", P.connection(tags: "{site: shanghai, owner: netops}", lifetime: 28800, tunnel1Encryption: "aes192"))] {
                try project.write("dc", manifest)
                let plan = try await project.run("plan", "--detailed-exitcode")
                #expect(plan.status == 2, "changing \(step) plans a modify: \(plan.all)")
                #expect(plan.stdout.contains("~ modify IPsec connection"), "\(plan.stdout)")
                let apply = try await project.run("apply", "--auto-approve")
                #expect(apply.status == 0, "\(apply.all)")
                #expect(try await project.cloudKeys()["VpnConnection/dc"] == keys, "changing \(step) changed a key the cloud generated")
                let clean = try await project.run("plan", "--detailed-exitcode")
                #expect(clean.status == 0, "after changing \(step): \(clean.all)")
                for output in [plan, apply, clean] { for key in keys { #expect(!output.all.contains(key), "a key was printed") } }
            }
            let stateText = try String(contentsOf: project.folder.appendingPathComponent("tunnelform.state.json"), encoding: .utf8)
            for key in keys { #expect(!stateText.contains(key)) }
        }
    }

    /// `gatewayType` and `tunnelBandwidth` cannot change in place; the new connection needs the tunnel
    /// CIDRs the old one holds, so the plan deletes first, says so, and converges in one apply.
    @Test(arguments: ProviderKind.allCases)
    func replacingABGPConnectionConvergesInOneApply(_ kind: ProviderKind) async throws {
        try await P.with(kind) { project in
            try project.write("gateways", P.gateways)
            try project.write("dc", P.connection())
            #expect(try await project.run("apply", "--auto-approve").status == 0)
            let before = try #require(try project.state()[ResourceAddress(.vpnConnection, "dc")]?.connection?.id)

            try project.write("dc", P.connection(tunnelBandwidth: "large"))
            let plan = try await project.run("plan")
            #expect(plan.status == 0, "\(plan.all)")
            #expect(plan.stdout.contains("-/+ replace IPsec connection"), "\(plan.stdout)")
            #expect(plan.stdout.contains("# destroy before create: the tunnels are down from the delete until the new connection negotiates"), "\(plan.stdout)")
            #expect(plan.stdout.contains("On-premises changes needed after apply: VpnConnection/dc (tunnel 1 and 2 gateway IPs, tunnel 1 and 2 keys): run tunnelform device-config VpnConnection/dc"),
                    "\(plan.stdout)")
            let json = try CanonicalJSON.decode(Plan.self, from: Data(try await project.run("plan", "--json").stdout.utf8))
            #expect(json.onPremises == [OnPremisesChange(address: ResourceAddress(.vpnConnection, "dc"), changes: [
                DeviceChange(.gatewayIp, tunnels: [1, 2]), DeviceChange(.key, tunnels: [1, 2]),
            ])])
            let apply = try await project.run("apply", "--auto-approve")
            #expect(apply.status == 0, "\(apply.all)")
            let after = try #require(try project.state()[ResourceAddress(.vpnConnection, "dc")]?.connection)
            #expect(after.id != before)
            #expect(after.applied.tunnelBandwidth == .large)
            #expect(try await project.run("plan", "--detailed-exitcode").status == 0)

            // An explicit create-before-destroy that cannot be applied is refused before anything is shown.
            try project.write("dc", P.connection(extra: "replacement: createBeforeDestroy", tunnelBandwidth: "standard"))
            let refused = try await project.run("plan")
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("manifests/dc.yaml:"), "the diagnostic names the file: \(refused.stderr)")
            #expect(refused.stderr.contains("cannot be replaced create-before-destroy"), "\(refused.stderr)")
            #expect(!refused.stdout.contains("replace IPsec connection"), "no plan is shown: \(refused.stdout)")

            try project.write("dc", P.connection(extra: "replacement: destroyBeforeCreate", tunnelBandwidth: "standard"))
            #expect(try await project.run("apply", "--auto-approve").status == 0)
            #expect(try project.state()[ResourceAddress(.vpnConnection, "dc")]?.connection?.applied.tunnelBandwidth == .standard)
            #expect(try await project.run("plan", "--detailed-exitcode").status == 0)
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func replacingThroughTheGatewayTypeConverges(_ kind: ProviderKind) async throws {
        try await P.with(kind) { project in
            let privateGateways = P.gateways.replacingOccurrences(of: "203.0.113.10", with: "10.10.0.1")
                .replacingOccurrences(of: "203.0.113.11", with: "10.10.0.2")
            try project.write("gateways", privateGateways)
            try project.write("dc", P.connection(extra: "gatewayType: private"))
            #expect(try await project.run("apply", "--auto-approve").status == 0)
            // Back to public needs public gateways: both are replaced too, and every operation waits as it must.
            try project.write("gateways", P.gateways)
            try project.write("dc", P.connection(extra: "gatewayType: public"))
            let apply = try await project.run("apply", "--auto-approve")
            #expect(apply.status == 0, "\(apply.all)")
            #expect(apply.stdout.contains("# destroy before create"), "\(apply.stdout)")
            #expect(try await project.run("plan", "--detailed-exitcode").status == 0)
        }
    }

    /// A rename is a new connection that needs the old one's tunnel CIDRs: it waits for the delete. With
    /// `state mv` or a `Moved` document it is an in-place rename instead.
    @Test(arguments: ProviderKind.allCases)
    func renamingABGPConnection(_ kind: ProviderKind) async throws {
        try await P.with(kind) { project in
            try project.write("gateways", P.gateways)
            try project.write("dc", P.connection())
            #expect(try await project.run("apply", "--auto-approve").status == 0)
            let id = try #require(try project.state()[ResourceAddress(.vpnConnection, "dc")]?.connection?.id)
            let keys = try #require(try await project.cloudKeys()["VpnConnection/dc"])

            // With state mv: one in-place modify of the name.
            try project.write("dc", P.connection(name: "dc-primary"))
            let moved = try await project.run("state", "mv", "VpnConnection/dc", "VpnConnection/dc-primary")
            #expect(moved.status == 0, "\(moved.all)")
            let renamed = try await project.run("plan", "--json")
            let plan = try CanonicalJSON.decode(Plan.self, from: Data(renamed.stdout.utf8))
            #expect(plan.operations.map(\.action) == [.modify])
            #expect(plan.operations.first?.changes.map(\.name) == ["name"])
            #expect(try await project.run("apply", "--auto-approve").status == 0)
            #expect(try project.state()[ResourceAddress(.vpnConnection, "dc-primary")]?.connection?.id == id)
            #expect(try await project.cloudKeys()["VpnConnection/dc-primary"] == keys)

            // With a Moved document: the same, and harmless once applied.
            try project.write("dc", P.connection(name: "dc-main") + "---\nkind: Moved\nfrom: VpnConnection/dc-primary\nto: VpnConnection/dc-main\n")
            let withMoved = try await project.run("plan")
            #expect(withMoved.stdout.contains("# VpnConnection/dc-primary has moved to VpnConnection/dc-main"), "\(withMoved.stdout)")
            #expect(withMoved.stdout.contains("Plan: 0 to create, 1 to modify, 0 to grant, 0 to delete."), "\(withMoved.stdout)")
            #expect(try await project.run("apply", "--auto-approve").status == 0)
            #expect(try project.state()[ResourceAddress(.vpnConnection, "dc-main")]?.connection?.id == id)
            #expect(try project.state()[ResourceAddress(.vpnConnection, "dc-primary")] == nil)
            #expect(try await project.run("plan", "--detailed-exitcode").status == 0, "the applied Moved document does nothing")

            // Without either: the new connection waits for the old one's delete, which frees its CIDRs.
            try project.write("dc", P.connection(name: "dc-renamed"))
            let plain = try await project.run("plan")
            #expect(plain.stdout.contains("waits for the delete of VpnConnection/dc-main, which frees tunnel CIDR 169.254.10.0/30"), "\(plain.stdout)")
            #expect(plain.stdout.contains("tunnelform state mv VpnConnection/dc-main VpnConnection/dc-renamed"), "\(plain.stdout)")
            let apply = try await project.run("apply", "--auto-approve")
            #expect(apply.status == 0, "\(apply.all)")
            #expect(try await project.run("plan", "--detailed-exitcode").status == 0)
        }
    }

    /// `state rm` forgets a connection and leaves it in the cloud; `import` adopts it again, and the
    /// next plan has nothing to do.
    @Test func stateRemoveThenImportRoundTrips() async throws {
        try await P.with(.simulated) { project in
            try project.write("gateways", P.gateways)
            try project.write("dc", P.connection())
            #expect(try await project.run("apply", "--auto-approve").status == 0)
            let state = try project.state()
            let id = try #require(state[ResourceAddress(.vpnConnection, "dc")]?.connection?.id)

            let unknown = try await project.run("state", "rm", "VpnConnection/dcc")
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("did you mean 'VpnConnection/dc'?"), "\(unknown.stderr)")
            let removed = try await project.run("state", "rm", "VpnConnection/dc")
            #expect(removed.status == 0, "\(removed.all)")
            #expect(try project.state().serial == state.serial + 1)
            #expect(try project.state()[ResourceAddress(.vpnConnection, "dc")] == nil)
            #expect(try await project.run("state", "list").stdout.contains("VpnConnection/dc") == false)
            #expect(try await project.run("plan").stdout.contains("+ create IPsec connection"), "forgotten: the plan would create it")

            let imported = try await project.run("import", "VpnConnection/dc", id)
            #expect(imported.status == 0, "\(imported.all)")
            #expect(try await project.run("plan", "--detailed-exitcode").status == 0)
            let shown = try await project.run("state", "show", "VpnConnection/dc")
            #expect(shown.stdout.contains(id))
            let kind = try await project.run("state", "mv", "VpnConnection/dc", "CustomerGateway/dc")
            #expect(kind.status == 1 && kind.stderr.contains("can only move to another VpnConnection address"), "\(kind.stderr)")
            let taken = try await project.run("state", "mv", "CustomerGateway/edge-1", "CustomerGateway/edge-2")
            #expect(taken.status == 1 && taken.stderr.contains("CustomerGateway/edge-2 is already in the state"), "\(taken.stderr)")
        }
    }

    /// A saved plan sends the keys it was made with: when the value behind a reference changed, apply
    /// refuses, naming the reference and never the value.
    @Test func aSavedPlanWithAChangedKeyIsRefused() async throws {
        try await P.with(.simulated) { project in
            try project.write("gateways", P.gateways)
            let keyed = P.connection().replacingOccurrences(of: "  - customerGateway: edge-2\n", with: "  - customerGateway: edge-2\n    preSharedKey: {env: DC_PSK_2}\n")
            try project.write("dc", keyed)
            var runner = project.runner
            runner.environment["DC_PSK_2"] = "First-Key-0001"
            let saved = try await runner.run(["plan", "--out", "plan.json"])
            #expect(saved.status == 0, "\(saved.all)")
            let planText = try String(contentsOf: project.folder.appendingPathComponent("plan.json"), encoding: .utf8)
            #expect(!planText.contains("First-Key-0001"))
            #expect(planText.contains("pinnedSecrets"))

            runner.environment["DC_PSK_2"] = "Second-Key-0002"
            let refused = try await runner.run(["apply", "plan.json"])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("the value behind {env: DC_PSK_2}"), "\(refused.stderr)")
            #expect(!refused.all.contains("Second-Key-0002") && !refused.all.contains("First-Key-0001"))
            #expect(try project.state().resources.isEmpty, "nothing was applied")

            runner.environment["DC_PSK_2"] = "First-Key-0001"
            let applied = try await runner.run(["apply", "plan.json"])
            #expect(applied.status == 0, "\(applied.all)")
            #expect(try await project.cloudKeys()["VpnConnection/dc"]?[1] == "First-Key-0001")
        }
    }
}
