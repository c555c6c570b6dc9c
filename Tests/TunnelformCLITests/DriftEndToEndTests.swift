import Foundation
import Testing
import TunnelformCore
import TunnelformSimulator
import TunnelformTestSupport

/// Drift through the built binary: changes made in the (simulated) console are shown by `plan`
/// under "Changed outside Tunnelform", proposed by `plan --refresh-only`, and repaired by `apply`.
@Suite("drift end to end", .serialized)
struct DriftEndToEndTests {
    static let consoleKey = "console-Typed_Key+99"

    /// One kind of out-of-band change, what the drift section must say, and the plan line that repairs it.
    enum Case: String, CaseIterable, CustomStringConvertible {
        case attributeChanged, tunnelSettingChanged, keyChanged, objectDeleted, detached, propagationDisabled

        var description: String { rawValue }

        func make(_ console: CloudConsole) async throws {
            switch self {
            case .attributeChanged:
                let gateway = try console.gatewayId("partner-hq")
                let connection = try console.connection("partner-link").id
                try await console.edit { cloud in
                    try await cloud.consoleModifyCustomerGateway(region: "cn-hangzhou", id: gateway) { $0.description = "Edited in the console" }
                    try await cloud.consoleModifyConnection(region: "cn-hangzhou", connectionId: connection) { $0.effectImmediately = true }
                }
            case .tunnelSettingChanged:
                let id = try console.connection("shanghai-dc").id
                try await console.edit { cloud in
                    try await cloud.consoleModifyTunnel(region: "cn-shanghai", connectionId: id, index: 2) {
                        $0.ike.encryption = .aes
                        $0.ipsec.lifetime = 3600
                    }
                }
            case .keyChanged:
                let id = try console.connection("shanghai-dc").id
                try await console.edit { cloud in
                    try await cloud.consoleModifyTunnel(region: "cn-shanghai", connectionId: id, index: 1) { $0.preSharedKey = DriftEndToEndTests.consoleKey }
                }
            case .objectDeleted:
                let id = try console.connection("partner-link").id
                try await console.edit { cloud in try await cloud.consoleDeleteConnection(region: "cn-hangzhou", id: id) }
            case .detached:
                let attachment = try #require(try console.connection("shanghai-dc").attachment?.id)
                try await console.edit { cloud in try await cloud.consoleDetach(region: "cn-shanghai", attachmentId: attachment) }
            case .propagationDisabled:
                let attachment = try #require(try console.connection("beijing-office").attachment?.id)
                try await console.edit { cloud in
                    try await cloud.consoleSetPropagation(region: "cn-beijing", attachmentId: attachment, enabled: false)
                }
            }
        }

        /// Lines the "Changed outside Tunnelform" section must hold.
        var driftLines: [String] {
            switch self {
            case .attributeChanged:
                ["~ CustomerGateway/partner-hq customer gateway cgw-", ": changed",
                 "~ description = \"Partner headquarters firewall\" -> \"Edited in the console\"",
                 "~ VpnConnection/partner-link IPsec connection vco-", "~ effectImmediately = \"false\" -> \"true\""]
            case .tunnelSettingChanged:
                ["~ VpnConnection/shanghai-dc IPsec connection vco-", "tunnel 2:",
                 "~ ike.encryption = \"aes256\" -> \"aes\"", "~ ipsec.lifetime = \"86400\" -> \"3600\""]
            case .keyChanged:
                ["~ VpnConnection/shanghai-dc IPsec connection vco-", "tunnel 1:", "~ preSharedKey = (sensitive) -> (sensitive)"]
            case .objectDeleted:
                ["- VpnConnection/partner-link IPsec connection vco-", ": deleted"]
            case .detached:
                ["- VpnConnection/shanghai-dc transit router attachment tr-attach-", ": detached from its transit router"]
            case .propagationDisabled:
                ["- VpnConnection/beijing-office default route table propagation tr-attach-",
                 ": route propagation to the default route table disabled"]
            }
        }

        /// Lines of the plan that puts the manifests' values back.
        var planLines: [String] {
            switch self {
            case .attributeChanged:
                ["CustomerGateway/partner-hq customer gateway: changed outside Tunnelform", "VpnConnection/partner-link IPsec connection: changed outside Tunnelform",
                 "Plan: 0 to create, 2 to modify"]
            case .tunnelSettingChanged:
                ["VpnConnection/shanghai-dc IPsec connection: changed outside Tunnelform", "~ tunnel2.ike.encryption = \"aes\" -> \"aes256\"",
                 "Plan: 0 to create, 1 to modify"]
            case .keyChanged:
                ["VpnConnection/shanghai-dc IPsec connection: changed outside Tunnelform", "~ tunnel1.preSharedKey", "Plan: 0 to create, 1 to modify"]
            case .objectDeleted:
                ["VpnConnection/partner-link IPsec connection: deleted outside Tunnelform", "Plan: 1 to create, 0 to modify, 1 to grant"]
            case .detached:
                ["VpnConnection/shanghai-dc transit router attachment: deleted outside Tunnelform", "Plan: 3 to create, 0 to modify"]
            case .propagationDisabled:
                ["VpnConnection/beijing-office default route table propagation: deleted outside Tunnelform", "+ enable default route table propagation",
                 "Plan: 1 to create, 0 to modify"]
            }
        }

        var object: String {
            switch self {
            case .attributeChanged, .tunnelSettingChanged, .keyChanged, .objectDeleted: self == .attributeChanged ? "customerGateway" : "connection"
            case .detached: "transitRouterAttachment"
            case .propagationDisabled: "routeTablePropagation"
            }
        }
    }

    @Test func noFalseDriftRightAfterApply() throws {
        let project = try AppliedProject.make()
        let refreshOnly = try project.run(["plan", "--refresh-only", "--detailed-exitcode"])
        #expect(refreshOnly.status == 0, "\(refreshOnly.all)")
        #expect(refreshOnly.stdout.contains("No changes outside Tunnelform. The state matches the cloud."))
        #expect(!refreshOnly.stdout.contains("Changed outside Tunnelform"))
        let plan = try project.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.all)")
        #expect(plan.stdout.contains("No changes. The cloud matches the manifests."))
    }

    @Test(arguments: Case.allCases)
    func driftIsShownAndRepaired(_ kind: Case) async throws {
        var project = try Project()
        #expect(try project.run("apply", "--auto-approve").status == 0)
        let console = CloudConsole(folder: project.folder)
        let serialBefore = try console.state().serial
        try await kind.make(console)

        let refreshOnly = try project.run("plan", "--refresh-only", "--detailed-exitcode")
        #expect(refreshOnly.status == 2, "\(refreshOnly.all)")
        #expect(refreshOnly.stdout.contains("Changed outside Tunnelform:"))
        for line in kind.driftLines { #expect(refreshOnly.stdout.contains(line), "missing '\(line)' in\n\(refreshOnly.stdout)") }
        #expect(refreshOnly.stdout.contains("apply --refresh-only` would update the state"))
        #expect(!refreshOnly.stdout.contains("Plan:"), "a refresh-only plan proposes no cloud change")

        let json = try project.run("plan", "--json")
        let decoded = try CanonicalJSON.decode(Plan.self, from: Data(json.stdout.utf8))
        #expect(decoded.drift.contains { $0.object.rawValue == kind.object }, "\(decoded.drift)")

        let plan = try project.run("plan", "--detailed-exitcode")
        #expect(plan.status == 2, "\(plan.all)")
        let section = try #require(plan.stdout.range(of: "Changed outside Tunnelform:"))
        let operations = try #require(plan.stdout.range(of: "Tunnelform will perform the following operations"))
        #expect(section.lowerBound < operations.lowerBound, "the drift comes before the plan")
        for line in kind.planLines { #expect(plan.stdout.contains(line), "missing '\(line)' in\n\(plan.stdout)") }
        #expect(try console.state().serial == serialBefore, "plan must not write the state")

        let repaired = try project.run("apply", "--auto-approve")
        #expect(repaired.status == 0, "\(repaired.all)")
        let clean = try project.run("plan", "--refresh-only", "--detailed-exitcode")
        #expect(clean.status == 0, "\(clean.all)")
        let settled = try project.run("plan", "--detailed-exitcode")
        #expect(settled.status == 0, "\(settled.all)")

        let keys = try project.cloudObjects().keys + [Self.consoleKey, AppliedProject.shanghaiManifestKey, "demo-bgp-auth-2026"]
        for key in keys {
            #expect(!project.transcript.contains(key), "a key was printed")
            #expect(!(try project.read("tunnelform.state.json")).contains(key), "a key is in the state")
        }
    }

    @Test func applyRefreshOnlyAcceptsTheDrift() async throws {
        var project = try Project()
        #expect(try project.run("apply", "--auto-approve").status == 0)
        let console = CloudConsole(folder: project.folder)
        let before = try console.state()
        try await Case.keyChanged.make(console)
        try await Case.propagationDisabled.make(console)
        try await Case.objectDeleted.make(console)

        let refused = try project.run("apply", "--refresh-only")
        #expect(refused.status == 1, "refresh-only apply also asks for confirmation off a terminal")
        let accepted = try project.run("apply", "--refresh-only", "--auto-approve")
        #expect(accepted.status == 0, "\(accepted.all)")
        #expect(accepted.stdout.contains("no cloud object was changed"))
        let after = try console.state()
        #expect(after.serial == before.serial + 1)
        #expect(after[ResourceAddress(.vpnConnection, "partner-link")] == nil, "the deleted connection is dropped")
        #expect(after[ResourceAddress(.vpnConnection, "beijing-office")]?.connection?.propagating == false)
        let oldDigest = before[ResourceAddress(.vpnConnection, "shanghai-dc")]?.connection?.tunnels.first?.preSharedKeyDigest
        let newDigest = try #require(after[ResourceAddress(.vpnConnection, "shanghai-dc")]?.connection?.tunnels.first?.preSharedKeyDigest)
        #expect(newDigest != oldDigest && newDigest.matches(Self.consoleKey))

        let noDrift = try project.run("plan", "--refresh-only", "--detailed-exitcode")
        #expect(noDrift.status == 0, "\(noDrift.all)")
        // The manifests still differ from the cloud: the normal plan puts them back.
        let plan = try project.run("plan", "--detailed-exitcode")
        #expect(plan.status == 2)
        #expect(plan.stdout.contains("VpnConnection/partner-link IPsec connection: not in state"))
        #expect(plan.stdout.contains("~ tunnel1.preSharedKey = (sensitive) -> (sensitive)"))
        for key in [Self.consoleKey, AppliedProject.shanghaiManifestKey] { #expect(!project.transcript.contains(key)) }
    }

    @Test func refreshFalsePlansFromTheStateAlone() async throws {
        var project = try Project()
        #expect(try project.run("apply", "--auto-approve").status == 0)
        try await Case.tunnelSettingChanged.make(CloudConsole(folder: project.folder))
        let offline = try project.run("plan", "--refresh=false", "--detailed-exitcode")
        #expect(offline.status == 0, "\(offline.all)")
        #expect(!offline.stdout.contains("Changed outside Tunnelform"))
        let conflicting = try project.run("plan", "--refresh=false", "--refresh-only")
        #expect(conflicting.status == 1)
    }

    @Test func generatedKeysAreNotDrift() async throws {
        var project = try Project()
        #expect(try project.run("apply", "--auto-approve").status == 0)
        let console = CloudConsole(folder: project.folder)
        let shanghai = try console.connection("shanghai-dc").id
        try await console.edit { cloud in
            // Tunnel 2's key is the cloud's (not in the manifests): changing it is not drift.
            try await cloud.consoleModifyTunnel(region: "cn-shanghai", connectionId: shanghai, index: 2) { $0.preSharedKey = "AnotherCloudKey16" }
        }
        let outcome = try project.run("plan", "--refresh-only", "--detailed-exitcode")
        #expect(outcome.status == 0, "\(outcome.all)")
    }
}
