import Foundation
import Testing
import TunnelformCore
import TunnelformSimulator
import TunnelformTestSupport

/// `import` and `import --generate` through the built binary: objects made elsewhere (here by
/// another project on the same simulated cloud) are adopted and then plan clean.
@Suite("import end to end", .serialized)
struct ImportEndToEndTests {
    /// A project applied in one folder, and a second folder with the same manifests and cloud but no state.
    static func adoptingProject(withManifests: Bool = true) throws -> (source: AppliedProject, target: Project) {
        let source = try AppliedProject.make()
        var target = try Project()
        if !withManifests { try FileManager.default.removeItem(at: target.url("manifests")) }
        try FileManager.default.createDirectory(at: target.url(".tunnelform"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source.folder.appendingPathComponent(SimulatedCloud.defaultFile),
                                         to: target.url(SimulatedCloud.defaultFile))
        target.environment = [:]
        return (source, target)
    }

    static func ids(_ project: AppliedProject) throws -> [String: String] {
        let state = try CloudConsole(folder: project.folder).state()
        var ids: [String: String] = [:]
        for address in state.addresses {
            ids[address.description] = state[address]?.customerGateway?.id ?? state[address]?.connection?.id
        }
        return ids
    }

    @Test func importEachKindThenPlanClean() throws {
        var (source, target) = try Self.adoptingProject()
        let ids = try Self.ids(source)
        #expect(ids.count == 7)
        // Gateways first, then a current-account connection (attachment, association, propagation)
        // and a cross-account one (grant).
        for address in ids.keys.sorted() {
            let outcome = try target.run("import", address, ids[address]!)
            #expect(outcome.status == 0, "\(address): \(outcome.all)")
            #expect(outcome.stdout.contains("Import complete!"))
        }
        let state = try CloudConsole(folder: target.folder).state()
        let shanghai = try #require(state[ResourceAddress(.vpnConnection, "shanghai-dc")]?.connection)
        #expect(shanghai.attachment != nil && shanghai.associated && shanghai.propagating)
        #expect(state[ResourceAddress(.vpnConnection, "partner-link")]?.connection?.grant?.cenId == "cen-partner0000000001")
        let plan = try target.run("plan", "--detailed-exitcode")
        #expect(plan.status == 0, "\(plan.all)")
        #expect(plan.stdout.contains("No changes. The cloud matches the manifests."))
        let refresh = try target.run("plan", "--refresh-only", "--detailed-exitcode")
        #expect(refresh.status == 0, "\(refresh.all)")

        let secrets = try source.runner.run(["show", "--secrets"]).stdout
        #expect(!secrets.isEmpty)
        for key in try target.cloudObjects().keys + [AppliedProject.shanghaiManifestKey, "demo-bgp-auth-2026"] {
            #expect(!target.transcript.contains(key), "a key was printed")
            #expect(!(try target.read("tunnelform.state.json")).contains(key), "a key is in the state")
        }
    }

    @Test func theNextPlanShowsExactlyTheDifferences() throws {
        var (source, target) = try Self.adoptingProject()
        let ids = try Self.ids(source)
        try target.edit("manifests/partner-cross-account.yaml", "ipsec: {dhGroup: disabled, lifetime: 3600}", "ipsec: {dhGroup: disabled, lifetime: 7200}")
        try target.edit("manifests/partner-cross-account.yaml", "description: Partner headquarters firewall", "description: Partner HQ")
        #expect(try target.run("import", "CustomerGateway/partner-hq", ids["CustomerGateway/partner-hq"]!).status == 0)
        #expect(try target.run("import", "VpnConnection/partner-link", ids["VpnConnection/partner-link"]!).status == 0)
        let plan = try target.run("plan", "--json", "--target", "VpnConnection/partner-link")
        #expect(plan.status == 0, "\(plan.all)")
        let decoded = try CanonicalJSON.decode(Plan.self, from: Data(plan.stdout.utf8))
        let steps = decoded.operations.map { "\($0.address) \($0.object.rawValue) \($0.action.rawValue) \($0.changes.map(\.name))" }
        #expect(steps == ["CustomerGateway/partner-hq customerGateway modify [\"description\"]",
                          "VpnConnection/partner-link connection modify [\"tunnel2.ipsec.lifetime\"]"])
    }

    @Test func importRefusesWhatItCannotAdopt() throws {
        var (source, target) = try Self.adoptingProject()
        let ids = try Self.ids(source)
        let gateway = ids["CustomerGateway/partner-hq"]!, connection = ids["VpnConnection/partner-link"]!

        let wrongKind = try target.run("import", "VpnConnection/partner-link", gateway)
        #expect(wrongKind.status == 1)
        #expect(wrongKind.stderr.contains("\(gateway) is a customer gateway id, but VpnConnection/partner-link is an IPsec connection"))
        let tunnelId = try target.run("import", "VpnConnection/partner-link", "tun-0123456789abcdefghij")
        #expect(tunnelId.stderr.contains("is a tunnel id (import its connection, vco-…)"))
        let unknown = try target.run("import", "VpnConnection/nowhere", connection)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("VpnConnection/nowhere is not in the manifests"))
        let missing = try target.run("import", "CustomerGateway/shanghai-edge-1", gateway)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("manifests/shanghai-bgp.yaml:"), "names the manifest line of the region: \(missing.stderr)")
        #expect(missing.stderr.contains("the provider has no customer gateway \(gateway) in cn-shanghai"))

        #expect(try target.run("import", "CustomerGateway/partner-hq", gateway).status == 0)
        let twice = try target.run("import", "CustomerGateway/partner-hq", gateway)
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("CustomerGateway/partner-hq is already in the state"))

        try target.write("tunnelform.state.json.lock",
                         "{\"holder\": \"tunnelform apply\", \"host\": \"\(ProcessInfo.processInfo.hostName)\", \"pid\": \(getpid()), \"time\": \"2026-11-29T00:00:00Z\"}\n")
        let locked = try target.run("import", "VpnConnection/partner-link", connection)
        #expect(locked.status == 1)
        #expect(locked.stderr.contains("the state is locked by tunnelform apply"))
    }

    @Test func generatedManifestsValidateAndPlanClean() throws {
        var (source, target) = try Self.adoptingProject(withManifests: false)
        let ids = try Self.ids(source)
        let wanted = ["VpnConnection/shanghai-dc", "VpnConnection/beijing-office", "VpnConnection/partner-link"].map { ids[$0]! }
        let generated = try target.run(["import", "--generate"] + wanted + ["--region", "cn-shanghai", "--region", "cn-beijing", "--region", "cn-hangzhou"])
        #expect(generated.status == 0, "\(generated.all)")
        let written = try FileManager.default.contentsOfDirectory(atPath: target.url("manifests").path).sorted()
        #expect(written == ["beijing-office.yaml", "partner-link.yaml", "shanghai-dc.yaml"])

        // Keys are placeholders: set each variable to the key the cloud has (as the peer would).
        var environment: [String: String] = [:]
        let tunnels = try ["shanghai-dc", "beijing-office", "partner-link"].map { try source.tunnels("VpnConnection/\($0)") }
        for (name, shown) in zip(["SHANGHAI_DC", "BEIJING_OFFICE", "PARTNER_LINK"], tunnels) {
            for tunnel in shown { environment["TUNNELFORM_PSK_\(name)_TUNNEL\(tunnel.tunnel)"] = tunnel.preSharedKey }
        }
        environment["TUNNELFORM_BGP_AUTH_KEY_SHANGHAI_EDGE_1"] = "demo-bgp-auth-2026"
        for variable in environment.keys { #expect(generated.stderr.contains("export \(variable)=…"), "\(variable) not listed") }
        target.environment = environment
        let validated = try target.run("validate")
        #expect(validated.status == 0, "\(validated.all)")

        let imports = generated.stderr.split(separator: "\n").compactMap { line -> [String]? in
            let words = line.split(separator: " ").map(String.init)
            return words.first == "tunnelform" && words.count == 4 ? Array(words.dropFirst()) : nil
        }
        #expect(imports.count == 7, "\(generated.stderr)")
        for arguments in imports {
            let outcome = try target.runner(arguments)
            #expect(outcome.status == 0, "\(arguments): \(outcome.all)")
        }
        let plan = try target.run("plan", "--detailed-exitcode")
        #expect(plan.status == 0, "\(plan.all)")

        let files = try written.map { try target.read("manifests/\($0)") }.joined()
        #expect(files.contains("preSharedKey: {env: TUNNELFORM_PSK_SHANGHAI_DC_TUNNEL1}"))
        for key in environment.values {
            #expect(!files.contains(key), "a key was written into a manifest")
            #expect(!target.transcript.contains(key), "a key was printed")
        }
        // Names the manifests already use get the id's tail; an existing file is never overwritten.
        let renamed = try target.run(["import", "--generate", wanted[0], "--region", "cn-shanghai", "--out", "more"])
        #expect(renamed.status == 0, "\(renamed.all)")
        #expect(renamed.stdout.contains("more/shanghai-dc-\(wanted[0].suffix(6)).yaml"))
        try FileManager.default.createDirectory(at: target.url("empty"), withIntermediateDirectories: true)
        let again = try target.run(["import", "--generate", wanted[0], "--region", "cn-shanghai", "--manifests", "empty", "--out", "manifests"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("not overwriting manifests/shanghai-dc.yaml"))
    }
}
