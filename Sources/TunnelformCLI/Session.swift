import Foundation
import TunnelformCore

/// The steps every reconciling command shares: read the project, validate the manifests,
/// read the state, refresh it from the provider, and plan.
struct Session: Sendable {
    let console: Console
    let config: ProjectConfig
    let store: StateStore
    var validation: ManifestValidation.Result
    let state: State
    /// The local verification cache, loaded once per command and shared by refresh, plan and apply
    /// (thread-safe); `saveSecretCache()` writes what they added.
    let secretCache: SecretVerificationCache

    /// Failures that end a command with exit 1 after the message was printed.
    struct Stop: Error {}

    /// Loads config, manifests (and their secrets) and state; prints diagnostics and stops on errors.
    /// The manifests and the state are independent files, read at the same time.
    /// With `warnings: false` only errors are printed; the caller reports the warnings it cares about.
    static func open(console: Console, manifests override: String? = nil, warnings: Bool = true) throws -> Session {
        let (config, store) = try project(console: console)
        let (validation, (read, cache)) = Concurrently.run({ ManifestValidation.run(folder: override ?? config.manifests) },
                                                           { Concurrently.run({ Result { try store.read() } }, { SecretVerificationCache.load() }) })
        return try make(console: console, config: config, store: store, validation: validation, state: read, secretCache: cache,
                        warnings: warnings)
    }

    /// The project's configuration (its diagnostics printed) and state store; stops on a configuration error.
    static func project(console: Console) throws -> (ProjectConfig, StateStore) {
        let (config, diagnostics) = ProjectConfig.load()
        console.report(diagnostics)
        if diagnostics.hasErrors { throw Stop() }
        return (config, StateStore(path: config.state))
    }

    /// The session of what was read: prints the manifests' diagnostics, then stops on their errors
    /// or on a state that could not be read.
    static func make(console: Console, config: ProjectConfig, store: StateStore, validation: ManifestValidation.Result,
                     state: Result<State, any Error>, secretCache: SecretVerificationCache, warnings: Bool = true) throws -> Session {
        try reportManifests(validation, console: console, warnings: warnings)
        do {
            return Session(console: console, config: config, store: store, validation: validation, state: try state.get(),
                           secretCache: secretCache)
        } catch {
            console.err(console.paint("Error:", .red) + " \(error)")
            throw Stop()
        }
    }

    /// Prints the manifests' diagnostics; stops when there are errors.
    static func reportManifests(_ validation: ManifestValidation.Result, console: Console, warnings: Bool = true) throws {
        console.report(warnings ? validation.diagnostics : validation.diagnostics.errors)
        if validation.diagnostics.hasErrors {
            console.err(console.paint("Error:", .red) + " the manifests have \(validation.diagnostics.errors.count) error(s); nothing was planned.")
            throw Stop()
        }
    }

    /// Writes what the verification cache learned (only when it changed). Best effort: a cache that
    /// cannot be written only makes the next command slower.
    func saveSecretCache() {
        try? secretCache.save()
    }

    func makeProvider() throws -> ProviderHandle {
        try provider(Result { try ProviderFactory.make(config) })
    }

    /// The provider that was made, or the failure reported.
    func provider(_ made: Result<ProviderHandle, any Error>) throws -> ProviderHandle {
        do {
            return try made.get()
        } catch {
            console.err(console.paint("Error:", .red) + " \(error)")
            throw Stop()
        }
    }

    /// Every region the manifests or the state mention.
    var regions: [String] {
        var regions = state.regions
        for gateway in validation.model.customerGateways { regions.insert(gateway.value.region) }
        for connection in validation.model.connections { regions.insert(connection.value.region) }
        return regions.sorted()
    }

    /// Observes every region (concurrently) and brings the state up to date.
    func refresh(with provider: any CloudProvider) async throws -> Refresher.Result {
        let indexes = try await observe(regions, with: provider)
        return Self.refresh(state, indexes: indexes, cache: secretCache)
    }

    /// The inventories of `regions`, each indexed in its own task while the provider answers for the
    /// next one; a provider failure is printed and stops.
    func observe(_ regions: [String], with provider: any CloudProvider) async throws -> [String: InventoryIndex] {
        let console = console
        do {
            return try await Self.observe(regions, with: provider) { console.err("Refreshing \($0)…") }
        } catch {
            console.err(console.paint("Error:", .red) + " refreshing from the provider failed: \(error)")
            throw Stop()
        }
    }

    /// `refreshing` hears each region as its observation starts (the CLI prints `Refreshing cn-shanghai…`).
    static func observe(_ regions: [String], with provider: any CloudProvider,
                        refreshing: @escaping @Sendable (String) -> Void = { _ in }) async throws -> [String: InventoryIndex] {
        try await withThrowingTaskGroup(of: InventoryIndex.self) { group in
            for region in regions {
                group.addTask {
                    refreshing(region)
                    return InventoryIndex(try await provider.observe(region: region))
                }
            }
            var indexes: [String: InventoryIndex] = [:]
            for try await index in group { indexes[index.inventory.region] = index }
            return indexes
        }
    }

    /// `state` brought up to date with the observed inventories (only the regions the state records
    /// matter), and the verification cache saved.
    static func refresh(_ state: State, indexes: [String: InventoryIndex], cache: SecretVerificationCache) -> Refresher.Result {
        // Keys the cloud returned are checked against the state's slow digests through the local
        // verification cache; the checks it cannot answer are derived ahead, on every core.
        _ = cache.matches(Refresher.keyChecks(state, indexes: indexes))
        let refreshed = Refresher(matches: { cache.matches($0, $1) }).refresh(state, indexes: indexes)
        try? cache.save()
        return refreshed
    }

    func plannerInput(refreshed: Refresher.Result, destroy: Bool, targets: Set<ResourceAddress>?) -> Planner.Input {
        if destroy { return .destroy(state: refreshed.state, drift: refreshed.drift, targets: targets) }
        // Keys are compared with the state's slow digests through the local verification cache,
        // the remaining derivations on every core.
        let verdicts = SecretVerdicts(secrets: validation.secrets, state: refreshed.state, cache: secretCache)
        saveSecretCache()
        return Planner.Input(customerGateways: validation.model.customerGateways.map(\.value),
                             connections: validation.model.connections.map(\.value), secrets: validation.secrets,
                             state: refreshed.state, deletedOutside: refreshed.deletedOutside, drift: refreshed.drift, targets: targets,
                             secretVerdicts: verdicts)
    }

    /// Parses `--target` values, stopping on an unknown form or an address that is in neither the
    /// manifests nor the state (with the nearest known one).
    func targets(_ values: [String]) throws -> Set<ResourceAddress>? {
        guard !values.isEmpty else { return nil }
        var known = Set(state.addresses)
        for gateway in validation.model.customerGateways { known.insert(gateway.value.address) }
        for connection in validation.model.connections { known.insert(connection.value.address) }
        var targets = Set<ResourceAddress>()
        for value in values {
            guard let address = ResourceAddress(parsing: value) else {
                console.err(console.paint("Error:", .red) + " --target \(value) is not an address (use Kind/name, e.g. VpnConnection/shanghai-dc)")
                throw Stop()
            }
            guard known.contains(address) else {
                let hint = Suggestion.hint(for: value, in: known.map(\.description)) ?? "tunnelform state list shows the state's addresses"
                console.err(console.paint("Error:", .red) + " --target \(value) is in neither the manifests nor the state (\(hint))")
                throw Stop()
            }
            targets.insert(address)
        }
        return targets
    }
}
