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
    static func open(console: Console, manifests override: String? = nil) throws -> Session {
        try open(console: console, manifests: override, alongside: {}).session.get()
    }

    /// `open`, with `alongside` run while the manifests and the state are read (for a simulated
    /// cloud: reading its file). The three are independent files, read at the same time.
    static func open<Loaded: Sendable>(console: Console, manifests override: String?, alongside: @escaping @Sendable () -> Loaded)
        -> (session: Result<Session, any Error>, loaded: Loaded) {
        let (config, configDiagnostics) = ProjectConfig.load()
        console.report(configDiagnostics)
        if configDiagnostics.hasErrors { return (.failure(Stop()), alongside()) }
        let store = StateStore(path: config.state)
        let (validation, (read, loaded)) = Concurrently.run({ ManifestValidation.run(folder: override ?? config.manifests) },
                                                            { Concurrently.run({ Result { try store.read() } }, alongside) })
        let session = Result { () throws -> Session in
            console.report(validation.diagnostics)
            if validation.diagnostics.hasErrors {
                console.err(console.paint("Error:", .red) + " the manifests have \(validation.diagnostics.errors.count) error(s); nothing was planned.")
                throw Stop()
            }
            do {
                return Session(console: console, config: config, store: store, validation: validation, state: try read.get(),
                               secretCache: SecretVerificationCache.load())
            } catch {
                console.err(console.paint("Error:", .red) + " \(error)")
                throw Stop()
            }
        }
        return (session, loaded)
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
        var regions = Set<String>()
        for resource in state.resources.values { regions.insert(resource.region) }
        for gateway in validation.model.customerGateways { regions.insert(gateway.value.region) }
        for connection in validation.model.connections { regions.insert(connection.value.region) }
        return regions.sorted()
    }

    /// Observes every region (concurrently) and brings the state up to date.
    func refresh(with provider: any CloudProvider) async throws -> Refresher.Result {
        var indexes: [String: InventoryIndex] = [:]
        do {
            // Each region is indexed in its own task, while the provider answers for the next one.
            try await withThrowingTaskGroup(of: InventoryIndex.self) { group in
                for region in regions { group.addTask { InventoryIndex(try await provider.observe(region: region)) } }
                for try await index in group { indexes[index.inventory.region] = index }
            }
        } catch {
            console.err(console.paint("Error:", .red) + " refreshing from the provider failed: \(error)")
            throw Stop()
        }
        // Keys the cloud returned are checked against the state's slow digests through the local
        // verification cache; the checks it cannot answer are derived ahead, on every core.
        let cache = secretCache
        _ = cache.matches(Refresher.keyChecks(state, indexes: indexes))
        let refreshed = Refresher(matches: { cache.matches($0, $1) }).refresh(state, indexes: indexes)
        saveSecretCache()
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

    /// Parses `--target` values, stopping on an unknown form.
    func targets(_ values: [String]) throws -> Set<ResourceAddress>? {
        guard !values.isEmpty else { return nil }
        var targets = Set<ResourceAddress>()
        for value in values {
            guard let address = ResourceAddress(parsing: value) else {
                console.err(console.paint("Error:", .red) + " --target \(value) is not an address (use Kind/name, e.g. VpnConnection/shanghai-dc)")
                throw Stop()
            }
            targets.insert(address)
        }
        return targets
    }
}
