/// The one owner of the pipeline every reconciling command runs: load the manifests → validate →
/// resolve secrets → read the state → refresh → plan → apply → write the state.
///
/// It decides what overlaps (the state and the provider load while the manifests are read; the
/// refresh runs while they are validated), owns the verification cache's life cycle and the
/// provider's (shut down on every path), and holds the state lock for exactly as long as a command
/// writes. It reports progress through its `ReconcileObserver` and returns values or throws a
/// `ReconcileError`; it never prints and never ends the process.
public struct Reconciler: Sendable {
    public typealias ProviderMaker = @Sendable (_ onRetry: @escaping @Sendable (CloudRetry) -> Void) throws -> ProviderHandle

    public var config: ProjectConfig
    public var backend: any StateBackend
    public var makeProvider: ProviderMaker
    public var loadSecretCache: @Sendable () -> SecretVerificationCache
    public var observer: any ReconcileObserver

    public init(config: ProjectConfig, backend: any StateBackend, makeProvider: @escaping ProviderMaker,
                loadSecretCache: @escaping @Sendable () -> SecretVerificationCache = { SecretVerificationCache.load() },
                observer: any ReconcileObserver = SilentObserver()) {
        self.config = config
        self.backend = backend
        self.makeProvider = makeProvider
        self.loadSecretCache = loadSecretCache
        self.observer = observer
    }

    /// `tunnelform plan`: the plan, from a fresh refresh unless `request.refresh` is false. Takes no lock.
    ///
    /// The verification cache is saved once, when the call is done with it (here and in `apply`): what
    /// the refresh, the key comparisons and the pins derived makes the next command fast. Saving is
    /// best effort; a cache that cannot be written only makes the next command slower.
    public func plan(_ request: PlanRequest) async throws -> Reconciliation {
        let prepared = try await prepare(request)
        await prepared.handle.shutdown()
        defer { try? prepared.cache.save() }
        var reconciliation = prepared.reconciliation
        if request.pinSecrets {
            do {
                reconciliation.plan.pinnedSecrets = try SecretPin.pins(for: reconciliation.plan, secrets: reconciliation.manifests.secrets,
                                                                       state: reconciliation.refreshed.state, cache: prepared.cache)
            } catch {
                throw ReconcileError.stateWrite(error)
            }
        }
        return reconciliation
    }

    /// The checked manifests, the state and the verification cache, without refreshing or planning:
    /// what `device-config` and `lab` start from. Warnings are returned, not reported.
    public func load(manifests folder: String? = nil) async throws -> LoadedProject {
        let backend = backend
        let reading = Task { await captured { try await backend.read() } }
        let folder = folder ?? config.manifests
        let (check, cache) = Concurrently.run({ ManifestCheck.run(folder: folder) }, { [loadSecretCache] in loadSecretCache() })
        if check.diagnostics.hasErrors { throw ReconcileError.manifests(check.diagnostics) }
        do {
            return LoadedProject(manifests: check, state: try await reading.value.get(), secretCache: cache)
        } catch {
            throw ReconcileError.state(error)
        }
    }

    /// A provider made for one call; shut it down when done (`ProviderHandle.using`).
    public func provider() throws -> ProviderHandle {
        do {
            return try makeProvider { [observer] in observer.retrying($0) }
        } catch {
            throw ReconcileError.provider(error)
        }
    }
}

/// What a project holds before any refresh: its checked manifests, state and verification cache.
public struct LoadedProject: Sendable {
    public var manifests: ManifestCheck
    public var state: State
    public var secretCache: SecretVerificationCache
}

/// The outcome of an async throwing body, kept to be looked at later.
func captured<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
