import Foundation
import Testing
import TunnelformTestSupport

/// The whole life of a project through the built binary against the built-in simulated cloud.
@Suite("plan and apply end to end", .serialized)
struct ReconcileEndToEndTests {
    static let newKey = "rotated-Key_2027!"

    @Test func lifecycle() throws {
        var project = try Project()
        #expect(try project.run("validate").status == 0)

        let initial = try project.run("plan", "--no-color")
        #expect(initial.status == 0)
        try Golden.runs.check(initial.stdout, "plan-initial.txt")
        #expect(initial.stdout.contains("Plan: 13 to create, 0 to modify, 1 to grant, 0 to delete."))

        let applied = try project.run("apply", "--auto-approve")
        #expect(applied.status == 0, "\(applied.all)")
        #expect(applied.stdout.contains("Apply complete! 13 created, 0 modified, 1 granted, 0 deleted."))

        let again = try project.run("plan", "--detailed-exitcode")
        #expect(again.status == 0, "\(again.all)")
        #expect(again.stdout.contains("No changes. The cloud matches the manifests."))

        let shown = try project.run("show", "VpnConnection/shanghai-dc")
        #expect(shown.stdout.contains("Phase 2 negotiations succeeded"))
        #expect(shown.stdout.contains("Gateway IP address:  198.1"))
        #expect(shown.stdout.contains("Status:              Normal"))
        #expect(shown.stdout.contains("(hidden; use --secrets)"))

        // Edit: rotate a key, enable BGP after creation, move tunnel 2 to a new gateway,
        // add a cross-account connection, change gatewayType.
        try project.write("manifests/keys/shanghai-dc-tunnel1.psk", Self.newKey + "\n")
        try project.edit("manifests/beijing-protected-flows.yaml", "ipAddress: 192.0.2.50", "ipAddress: 192.0.2.50\nasn: 65020")
        try project.edit("manifests/beijing-protected-flows.yaml", "  propagateToDefaultRouteTable: true",
                         "  propagateToDefaultRouteTable: true\nbgp: {enabled: true}")
        try project.edit("manifests/beijing-protected-flows.yaml", "    ipsec: {encryption: aes192, authentication: sha256, dhGroup: group14}\n  - customerGateway",
                         "    ipsec: {encryption: aes192, authentication: sha256, dhGroup: group14}\n    bgp: {tunnelCidr: 169.254.20.0/30, localIp: 169.254.20.1}\n  - customerGateway")
        var beijing = try project.read("manifests/beijing-protected-flows.yaml")
        beijing += "    bgp: {tunnelCidr: 169.254.21.0/30, localIp: 169.254.21.1}\n"
        try project.write("manifests/beijing-protected-flows.yaml", beijing)
        try project.edit("manifests/shanghai-bgp.yaml", "name: shanghai-edge-2\nregion: cn-shanghai\nipAddress: 203.0.113.11",
                         "name: shanghai-edge-3\nregion: cn-shanghai\nipAddress: 203.0.113.12")
        try project.edit("manifests/shanghai-bgp.yaml", "  - customerGateway: shanghai-edge-2", "  - customerGateway: shanghai-edge-3")
        try project.edit("manifests/partner-cross-account.yaml", "ipAddress: 198.51.100.20", "ipAddress: 10.20.30.40")
        try project.edit("manifests/partner-cross-account.yaml", "effectImmediately: false", "effectImmediately: false\ngatewayType: private")
        try project.write("manifests/vendor.yaml", """
            kind: CustomerGateway
            name: vendor-gw
            region: cn-hangzhou
            ipAddress: 198.51.100.77
            ---
            kind: VpnConnection
            name: vendor-link
            region: cn-hangzhou
            bind:
              crossAccount: {cenId: cen-vendor000000000001, cenOwnerUid: "9988776655", payer: resourceOwner}
            tunnels:
              - customerGateway: vendor-gw
              - customerGateway: vendor-gw

            """)
        #expect(try project.run("validate").status == 0)

        let edited = try project.run("plan", "--no-color", "--out", "edited.plan.json")
        #expect(edited.status == 0, "\(edited.all)")
        try Golden.runs.check(edited.stdout, "plan-edited.txt")
        #expect(try project.run("plan", "--json").status == 0)

        let reapplied = try project.run("apply", "edited.plan.json")
        #expect(reapplied.status == 0, "\(reapplied.all)")
        let settled = try project.run("plan", "--detailed-exitcode")
        #expect(settled.status == 0, "\(settled.all)")

        let revealed = try project.run("show", "--secrets")
        #expect(revealed.stdout.contains(Self.newKey))
        let cloud = try project.cloudObjects()
        #expect(Set(cloud.gateways.map(\.name)).count == cloud.gateways.count, "two gateways for one address: \(cloud.gateways)")
        #expect(Set(cloud.connections.map(\.name)).count == cloud.connections.count, "two connections for one address")
        #expect(cloud.connections.count == 4)

        // Secrets: no key value in the state, the saved plan, or any output but `show --secrets`.
        let secrets = [Self.newKey, "demo-Only_Key+2026!", "demo-bgp-auth-2026"] + cloud.keys
        let jsonShow = try project.run("show", "--json")
        let transcriptWithoutReveal = project.transcript.replacingOccurrences(of: revealed.stdout, with: "")
        for secret in secrets {
            #expect(!(try project.read("tunnelform.state.json")).contains(secret), "a key is in the state file")
            #expect(!(try project.read("edited.plan.json")).contains(secret), "a key is in the saved plan")
            #expect(!transcriptWithoutReveal.contains(secret), "a key was printed")
            #expect(!jsonShow.stdout.contains(secret))
        }

        let destroyed = try project.run("destroy", "--auto-approve")
        #expect(destroyed.status == 0, "\(destroyed.all)")
        let empty = try project.cloudObjects()
        #expect(empty.gateways.isEmpty && empty.connections.isEmpty, "the simulated cloud still holds objects")
        #expect(try project.run("show").stdout.contains("The state is empty"))
    }

    /// The regions the state records are refreshed while the manifests are still being read; a
    /// region only the manifests mention is observed after them. Each is observed exactly once.
    @Test func everyRegionIsObservedOnce() throws {
        var project = try Project()
        project.environment["TUNNELFORM_PROVIDER_STATS"] = "1"
        let fresh = try project.run("plan", "--no-color")
        #expect(fresh.stderr.contains("observe 3 (cn-beijing 1, cn-hangzhou 1, cn-shanghai 1)"), "\(fresh.all)")
        #expect(try project.run("apply", "--auto-approve").status == 0)
        try project.write("manifests/frankfurt.yaml", """
            kind: CustomerGateway
            name: frankfurt-edge
            region: eu-central-1
            ipAddress: 203.0.113.80

            """)
        let grown = try project.run("plan", "--no-color")
        #expect(grown.status == 0, "\(grown.all)")
        #expect(grown.stderr.contains("observe 4 (cn-beijing 1, cn-hangzhou 1, cn-shanghai 1, eu-central-1 1)"), "\(grown.all)")
        #expect(grown.stdout.contains("Plan: 1 to create, 0 to modify, 0 to grant, 0 to delete."), "\(grown.all)")
    }

    /// Manifests with errors stop the plan with their diagnostics alone, although the refresh of
    /// the recorded regions may already have run beside them.
    @Test func invalidManifestsStopBeforeAnythingIsPlanned() throws {
        var project = try Project()
        #expect(try project.run("apply", "--auto-approve").status == 0)
        let state = try project.read("tunnelform.state.json")
        try project.edit("manifests/shanghai-bgp.yaml", "ipAddress: 203.0.113.10", "ipAddress: 203.0.113.300")
        let outcome = try project.run("plan", "--no-color")
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("shanghai-bgp.yaml:8:"), "\(outcome.all)")
        #expect(outcome.stderr.contains("nothing was planned"))
        #expect(!outcome.stderr.contains("refreshing"))
        #expect(outcome.stdout.isEmpty, "\(outcome.stdout)")
        #expect(try project.read("tunnelform.state.json") == state)
    }

    @Test func staleSavedPlanIsRefused() throws {
        var project = try Project()
        #expect(try project.run("plan", "--out", "first.json").status == 0)
        #expect(try project.run("apply", "--auto-approve").status == 0)
        let stale = try project.run("apply", "first.json")
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("saved plan is stale"))
    }

    @Test func applyRefusesWithoutConfirmationOffATerminal() throws {
        var project = try Project()
        let refused = try project.run("apply")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Pass --auto-approve"))
        #expect(try project.cloudObjects().gateways.isEmpty)
    }

    @Test func heldAndStaleLocks() throws {
        var project = try Project()
        let host = ProcessInfo.processInfo.hostName
        func lock(pid: Int32, host: String = host) throws {
            try project.write("tunnelform.state.json.lock",
                              "{\"holder\": \"tunnelform apply\", \"host\": \"\(host)\", \"pid\": \(pid), \"time\": \"2026-11-29T00:00:00Z\"}\n")
        }
        try lock(pid: getpid())
        let held = try project.run("apply", "--auto-approve")
        #expect(held.status == 1)
        #expect(held.stderr.contains("the state is locked by tunnelform apply (pid \(getpid()) on \(host), since"))
        // This host, a process that is gone: taken over with a warning.
        try lock(pid: 999_999)
        let stale = try project.run("apply", "--auto-approve")
        #expect(stale.status == 0, "\(stale.all)")
        #expect(stale.stderr.contains("Warning: took over the state lock left by tunnelform apply (pid 999999 on \(host), since 2026-11-29T00:00:00Z), which no longer holds it"))
        #expect(!FileManager.default.fileExists(atPath: project.url("tunnelform.state.json.lock").path), "released after the apply")
        // Another host's lock cannot be judged from here: it blocks until force-unlock.
        try lock(pid: 999_999, host: "elsewhere.example")
        let foreign = try project.run("plan")
        #expect(foreign.status == 0, "plan takes no lock")
        let blocked = try project.run("apply", "--auto-approve")
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("the state is locked by tunnelform apply (pid 999999 on elsewhere.example, since"))
        let unlocked = try project.run("force-unlock")
        #expect(unlocked.stderr.contains("Removed the lock held by tunnelform apply (pid 999999 on elsewhere.example)"))
        #expect(try project.run("apply", "--auto-approve").status == 0)
    }

    @Test func corruptStateChangesNothing() throws {
        var project = try Project()
        try project.write("tunnelform.state.json", "{ not json")
        let outcome = try project.run("apply", "--auto-approve")
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("is not a valid Tunnelform state file"))
        #expect(try project.read("tunnelform.state.json") == "{ not json")
        try project.write("tunnelform.state.json", "{\"formatVersion\": 99}")
        let foreign = try project.run("plan")
        #expect(foreign.stderr.contains("formatVersion 99"))
    }

    /// A state that exists but cannot be read is an error, never an empty state to plan from.
    @Test func unreadableStateIsAnErrorNotAnEmptyState() throws {
        var project = try Project()
        try FileManager.default.createDirectory(at: project.url("tunnelform.state.json"), withIntermediateDirectories: false)
        let outcome = try project.run("plan")
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("tunnelform.state.json cannot be read"))
        #expect(!outcome.stdout.contains("Plan:"))
    }
}
