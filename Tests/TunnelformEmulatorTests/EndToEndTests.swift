import Foundation
import Testing
import TunnelformCore
import TunnelformTestSupport

/// The `tunnelform` binary with `provider: alicloud`, against a `tunnelform-emulator` process: the real
/// provider, client, signer and transport, end to end over loopback HTTP.
@Suite("tunnelform with provider alicloud against tunnelform-emulator", .serialized)
struct EndToEndTests {
    @Test(arguments: ["v3", "rpc"])
    func exampleManifestsRoundTrip(signature: String) async throws {
        let emulator = try await EmulatorProcess.start(["--delays", "0.2"])
        let project = try AliCloudProject(emulator: emulator, signature: signature)
        try project.copyExamples()
        var outputs: [String] = []
        func step(_ arguments: String..., expecting status: Int32) async throws -> ToolRunner.Outcome {
            let outcome = try await project.runner.run(arguments)
            outputs.append(outcome.all)
            #expect(outcome.status == status, "tunnelform \(arguments.joined(separator: " ")):\n\(outcome.all)")
            return outcome
        }

        _ = try await step("validate", expecting: 0)
        let plan = try await step("plan", expecting: 0)
        #expect(plan.stdout.contains("to create"))
        let apply = try await step("apply", "--auto-approve", expecting: 0)
        #expect(apply.stdout.contains("Apply complete!"))
        let inventories = try await emulator.inventories()
        #expect(inventories.keys.sorted() == ["cn-beijing", "cn-hangzhou", "cn-shanghai"])
        #expect(inventories["cn-hangzhou"]?.grants.count == 1)
        #expect(inventories["cn-shanghai"]?.routeTablePropagations.count == 1)
        #expect(try project.stateIds() == (try await project.cloudIds()))
        let again = try await step("plan", "--detailed-exitcode", expecting: 0)
        #expect(again.stdout.contains("No changes"))
        let destroy = try await step("destroy", "--auto-approve", expecting: 0)
        #expect(destroy.stdout.contains("Destroy complete!"))
        #expect(destroy.stdout.contains("destroy requested"))
        let nothing = try await step("destroy", "--auto-approve", expecting: 0)
        #expect(nothing.stdout.contains("Nothing to destroy."))
        #expect(try await emulator.inventories().isEmpty)

        let stateText = try String(contentsOf: project.folder.appendingPathComponent("tunnelform.state.json"), encoding: .utf8)
        for text in outputs + [stateText] {
            #expect(!text.contains(emulator.secret), "the access key secret appeared in an output")
        }
        let stats = try await emulator.stats()
        #expect(stats.rejected.isEmpty, "\(stats.rejected)")
        #expect(await emulator.stop() == 0)
    }

    /// Changes made in the console reach `plan` through the real provider: a tunnel's key, IKE cipher and
    /// BGP local ASN (read back from `TunnelBgpConfig.LocalAsn`) and a route propagation are shown as drift,
    /// repaired by `apply`, and then gone.
    @Test func driftMadeInTheConsoleIsShownAndRepaired() async throws {
        let emulator = try await EmulatorProcess.start(["--delays", "0.2"])
        let project = try AliCloudProject(emulator: emulator)
        try project.copyExamples()
        #expect(try await project.run("apply", "--auto-approve").status == 0)
        let fresh = try await project.run("plan", "--refresh-only", "--detailed-exitcode")
        #expect(fresh.status == 0, "no drift right after an apply: \(fresh.all)")

        let shanghai = try #require(try project.state()[ResourceAddress(.vpnConnection, "shanghai-dc")]?.connection)
        let beijing = try #require(try project.state()[ResourceAddress(.vpnConnection, "beijing-office")]?.connection)
        let consoleKey = "Console-Key-5150"
        try await emulator.console(["action": "modifyTunnel", "region": "cn-shanghai", "connectionId": shanghai.id, "tunnel": "1",
                                    "preSharedKey": consoleKey, "ikeEncryption": "aes", "localAsn": "64999"])
        try await emulator.console(["action": "setPropagation", "region": "cn-beijing",
                                    "attachmentId": try #require(beijing.attachment?.id), "enabled": "false"])

        let drift = try await project.run("plan", "--detailed-exitcode")
        #expect(drift.status == 2, "\(drift.all)")
        for line in ["Changed outside Tunnelform:", "tunnel 1:", "~ preSharedKey", "(sensitive) -> (sensitive)", "~ ike.encryption = \"aes256\" -> \"aes\"",
                     "route propagation to the default route table disabled", "bgp.localAsn"] {
            #expect(drift.stdout.contains(line), "missing '\(line)' in\n\(drift.stdout)")
        }
        #expect(try await project.run("apply", "--auto-approve").status == 0)
        let clean = try await project.run("plan", "--detailed-exitcode")
        #expect(clean.status == 0, "\(clean.all)")
        #expect(drift.stdout.contains("64999"), "the console's ASN is shown: \(drift.stdout)")
        let inventory = try await emulator.inventory(region: "cn-shanghai")
        #expect(inventory.connection(shanghai.id)?.tunnels.first?.preSharedKey != consoleKey, "the manifest's key is back")
        #expect(inventory.connection(shanghai.id)?.tunnels.map(\.localAsn) == [ASN(45104), ASN(45104)], "the manifest's ASN is back")
        for output in [fresh, drift, clean] { #expect(!output.all.contains(consoleKey), "a key was printed") }
        #expect(try !String(contentsOf: project.folder.appendingPathComponent("tunnelform.state.json"), encoding: .utf8).contains(consoleKey))
        #expect(await emulator.stop() == 0)
    }

    @Test func fiftyConnectionsConvergeThroughFaults() async throws {
        let emulator = try await EmulatorProcess.start([
            "--throttle-rate", "0.2", "--unavailable-rate", "0.05", "--drop-rate", "0.03", "--seed", "42", "--retry-after-ms", "100",
            "--delays", "0.1",
        ])
        let project = try AliCloudProject(emulator: emulator)
        try project.generate(connections: 50, gateways: 10, crossAccountEvery: 10)
        let first = try await project.run("apply", "--auto-approve", "--parallelism", "20")
        #expect(first.stdout.contains("retried call(s)"), "\(first.all)")
        var converged = first.status == 0
        var applies = 1
        for _ in 0..<3 where !converged {
            applies += 1
            converged = try await project.run("apply", "--auto-approve", "--parallelism", "20").status == 0
        }
        #expect(converged, "apply did not converge:\n\(first.all)")
        let plan = try await project.run("plan", "--detailed-exitcode")
        #expect(plan.status == 0, "\(plan.all)")
        #expect(plan.stdout.contains("No changes"))

        let stateIds = try project.stateIds()
        let cloudIds = try await project.cloudIds()
        #expect(stateIds.count == 10 + 50 + 45)
        #expect(cloudIds.subtracting(stateIds).isEmpty, "orphans in the cloud: \(cloudIds.subtracting(stateIds).sorted())")
        #expect(stateIds.subtracting(cloudIds).isEmpty, "in the state but not in the cloud: \(stateIds.subtracting(cloudIds).sorted())")
        let inventory = try await emulator.inventory(region: "cn-hangzhou")
        #expect(inventory.grants.count == 5)
        #expect(inventory.routeTableAssociations.count == 45)
        #expect(inventory.routeTablePropagations.count == 45)
        let stats = try await emulator.stats()
        print("50 connections through faults: \(applies) apply run(s); \(stats.totalCalls) calls; faults \(stats.faults); "
              + (first.stdout.split(separator: "\n").last.map(String.init) ?? ""))
        #expect(stats.faults["throttled", default: 0] > 0 && stats.faults["unavailable", default: 0] > 0 && stats.faults["dropped", default: 0] > 0,
                "\(stats.faults)")
        #expect(await emulator.stop() == 0)
    }

    /// The cost of refreshing a large account is a handful of paged list calls, not one call per object.
    ///
    /// The 500 connections are applied in process, through the same `AlibabaProvider` and `ApplyEngine` the
    /// binary uses but with the state kept in memory and written once: the binary writes the whole state after
    /// every operation, which for 500 connections takes far too long in a debug build. The refresh measured
    /// is the binary's own `tunnelform plan`.
    @Test func refreshingFiveHundredConnectionsIsPaged() async throws {
        let emulator = try await EmulatorProcess.start()
        let project = try AliCloudProject(emulator: emulator)
        try project.generate(connections: 500, gateways: 20)
        let report = try await project.applyInProcess(parallelism: 50)
        #expect(report.succeeded, "\(report.failed.prefix(3))")

        let before = try await emulator.stats()
        let plan = try await project.run("plan", "--detailed-exitcode")
        let after = try await emulator.stats()
        #expect(plan.status == 0, "\(plan.all.suffix(2000))")
        #expect(plan.stdout.contains("No changes"))
        let listCalls = after.listCalls - before.listCalls
        let allCalls = after.totalCalls - before.totalCalls
        var byAction: [String: Int] = [:]
        for (action, count) in after.calls where count != before.count(action) { byAction[action] = count - before.count(action) }
        print("refresh of 500 connections: \(listCalls) list calls, \(allCalls) calls in all: \(byAction.sorted { $0.key < $1.key })")
        #expect(allCalls == listCalls, "a refresh makes list calls only: \(byAction)")
        #expect(listCalls <= Self.listCallBudget, "\(byAction)")
        #expect(await emulator.stop() == 0)
    }

    /// VPC pages hold at most 50 items and CBN pages 100: 1 page of gateways, 10 of connections, 5 each of
    /// attachments, associations and propagations, and the default route table once. The issue asked for 20;
    /// the API's page limits alone make 10 + 3 × 5 + 1 the floor for 500 attached connections.
    static let listCallBudget = 27
}
