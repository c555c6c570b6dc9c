import Foundation
import TunnelformCore
import TunnelformSimulator

/// Brings a generated project to the "everything applied" point through the real code: loads the
/// manifests, plans from an empty state, runs the apply engine against an in-memory simulated
/// cloud with no delays, refreshes, then writes the state file and `.tunnelform/simulated-cloud.json`
/// exactly as `tunnelform apply` would. The files are therefore always in the current format.
public struct AppliedProjectBuilder: Sendable {
    public var parallelism: Int

    public init(parallelism: Int = 64) { self.parallelism = parallelism }

    public enum Failure: Error, CustomStringConvertible {
        case invalidManifests([Diagnostic])
        case applyFailed(failed: Int, skipped: Int, first: String?)

        public var description: String {
            switch self {
            case .invalidManifests(let diagnostics):
                "the generated manifests do not validate: " + diagnostics.errors.prefix(5).map { "\($0.location.map { "\($0): " } ?? "")\($0.message)" }.joined(separator: "; ")
            case .applyFailed(let failed, let skipped, let first):
                "apply failed: \(failed) operation(s) failed, \(skipped) skipped" + (first.map { "; first: \($0)" } ?? "")
            }
        }
    }

    /// What was applied.
    public struct Summary: Sendable {
        public var operations: Int
        public var regions: Int
        public var digests: Int
    }

    /// Applies the project whose root is the current directory (relative manifest paths are
    /// recorded in the state, so they must be the ones the CLI will see).
    public func build(config: ProjectConfig = ProjectConfig.load().config) async throws -> Summary {
        let loaded = ManifestCheck.run(folder: config.manifests)
        guard !loaded.diagnostics.hasErrors else { throw Failure.invalidManifests(loaded.diagnostics) }
        let input = Planner.Input(customerGateways: loaded.model.customerGateways.map(\.value),
                                  connections: loaded.model.connections.map(\.value), secrets: loaded.secrets, state: State())
        let plan = Planner().plan(input)
        let provider = SimulatedProvider(cloud: SimulatedCloud(), file: nil)
        let keeper = StateKeeper(state: State(), lease: nil)
        let cache = SecretVerificationCache.load()
        let engine = ApplyEngine(provider: provider, secrets: loaded.secrets, parallelism: parallelism,
                                 digest: { try cache.digest(of: $0) })
        let report = await engine.apply(plan, keeper: keeper)
        guard report.succeeded else { throw Failure.applyFailed(failed: report.failed.count, skipped: report.skipped.count,
                                                                      first: report.failed.first.map { "\($0.id): \($0.message)" }) }
        let regions = Set(loaded.model.connections.map(\.value.region) + loaded.model.customerGateways.map(\.value.region))
        var inventories: [String: CloudInventory] = [:]
        for region in regions { inventories[region] = try await provider.observe(region: region) }
        let refreshed = Refresher().refresh(await keeper.state, inventories: inventories)
        var state = refreshed.state
        state.serial += 1
        try StateStore(path: config.state).write(state)
        try await provider.cloud.save(to: SimulatedCloud.defaultFile)
        try cache.save()
        return Summary(operations: plan.operations.count, regions: regions.count, digests: loaded.secrets.count)
    }
}
