import Foundation
import TunnelformCore

/// A temporary project whose `tunnelform.yaml` selects the `alicloud` provider, with credentials and
/// endpoints in the environment pointing at an emulator, as a user would point them at the real cloud.
struct AliCloudProject {
    let folder: URL
    let emulator: EmulatorProcess
    let runner: ToolRunner

    init(emulator: EmulatorProcess, signature: String = "v3") throws {
        folder = try Products.temporaryFolder("tf-alicloud")
        self.emulator = emulator
        try """
            provider: alicloud
            alicloud:
              accountId: "\(EmulatorProcess.accountId)"
              requestsPerSecond: 1000
              signature: \(signature)
            """.write(to: folder.appendingPathComponent("tunnelform.yaml"), atomically: true, encoding: .utf8)
        runner = ToolRunner(directory: folder, environment: [
            "ALIBABA_CLOUD_ACCESS_KEY_ID": EmulatorProcess.accessKeyId,
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET": emulator.secret,
            "ALIBABA_CLOUD_ENDPOINT_VPC": emulator.url,
            "ALIBABA_CLOUD_ENDPOINT_CBN": emulator.url,
        ])
    }

    var manifests: URL { folder.appendingPathComponent("manifests") }

    func copyExamples() throws {
        try FileManager.default.copyItem(at: Products.packageRoot.appendingPathComponent("manifests"), to: manifests)
    }

    /// `connections` connections in one region over `gateways` customer gateways (tunnel 1 on gateway i,
    /// tunnel 2 on gateway i+1); every `crossAccountEvery`-th one is granted to a partner's CEN instead.
    func generate(connections: Int, gateways: Int, region: String = "cn-hangzhou", crossAccountEvery: Int? = nil) throws {
        try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        let gatewayDocuments = (0..<gateways).map { index in
            """
            kind: CustomerGateway
            name: gw-\(index)
            region: \(region)
            ipAddress: 198.51.\(100 + index / 250).\(1 + index % 250)
            """
        }
        try (gatewayDocuments.joined(separator: "\n---\n") + "\n").write(
            to: manifests.appendingPathComponent("gateways.yaml"), atomically: true, encoding: .utf8)
        let connectionDocuments = (0..<connections).map { index in
            let crossAccount = crossAccountEvery.map { index % $0 == $0 - 1 } ?? false
            let bind = crossAccount
                ? "crossAccount: {cenId: cen-partner0000000001, cenOwnerUid: \"2234567890123456\", payer: cenOwner}"
                : "currentAccount: {cenId: cen-load00000000001}"
            return """
                kind: VpnConnection
                name: conn-\(index)
                region: \(region)
                bind:
                  \(bind)
                tunnels:
                  - customerGateway: gw-\(index % gateways)
                  - customerGateway: gw-\((index + 1) % gateways)
                """
        }
        try (connectionDocuments.joined(separator: "\n---\n") + "\n").write(
            to: manifests.appendingPathComponent("connections.yaml"), atomically: true, encoding: .utf8)
    }

    func run(_ arguments: String...) async throws -> ToolRunner.Outcome {
        try await runner.run(arguments)
    }

    /// Plans and applies the manifests in this process, through `AlibabaProvider` to the emulator, with the
    /// state kept in memory and written once at the end.
    func applyInProcess(parallelism: Int) async throws -> ApplyReport {
        let loaded = ManifestLoader().load(folder: manifests.path)
        let resolved = SecretResolver().resolve(loaded.model)
        let plan = Planner().plan(Planner.Input(customerGateways: loaded.model.customerGateways.map(\.value),
                                                connections: loaded.model.connections.map(\.value), secrets: resolved.secrets, state: State()))
        let provider = ProviderHarness.alibabaProvider(for: emulator)
        let keeper = StateKeeper(state: State(), lease: nil)
        let report = await ApplyEngine(provider: provider, secrets: resolved.secrets, parallelism: parallelism).apply(plan, keeper: keeper)
        try StateStore(path: folder.appendingPathComponent("tunnelform.state.json").path).write(await keeper.state)
        return report
    }

    func state() throws -> State {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(State.self, from: Data(contentsOf: folder.appendingPathComponent("tunnelform.state.json")))
    }

    /// Every cloud id the state records: customer gateways, connections, transit-router attachments.
    func stateIds() throws -> Set<String> {
        var ids = Set<String>()
        for resource in try state().resources.values {
            if let gateway = resource.customerGateway { ids.insert(gateway.id) }
            if let connection = resource.connection {
                ids.insert(connection.id)
                if let attachment = connection.attachment { ids.insert(attachment.id) }
            }
        }
        return ids
    }

    /// The same kinds of ids in the emulated cloud, every region.
    func cloudIds() async throws -> Set<String> {
        var ids = Set<String>()
        for inventory in try await emulator.inventories().values {
            ids.formUnion(inventory.customerGateways.map(\.id))
            ids.formUnion(inventory.connections.map(\.id))
            ids.formUnion(inventory.transitRouterAttachments.map(\.id))
        }
        return ids
    }
}
