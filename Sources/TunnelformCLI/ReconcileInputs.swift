import TunnelformCore

/// What a reconciling command reads beside the manifests: the state, the provider (for the
/// simulated cloud, its whole saved file) and the local verification cache; then the refresh of
/// every region the state records.
///
/// None of it depends on the manifests, and a refresh only reads, so the provider is loaded while
/// the state is read, and the refresh runs while the manifests are read and validated. Manifests
/// with errors cancel it: a refresh not yet started is skipped.
struct ReconcileInputs: Sendable {
    var state: Result<State, any Error>
    var provider: Result<ProviderHandle, any Error>
    var secretCache: SecretVerificationCache
    /// The refresh of the state's regions; nil when not refreshing, when the state or the provider
    /// could not be loaded, or when cancelled first.
    var refresh: Result<Refreshed, any Error>?

    struct Refreshed: Sendable {
        /// The regions observed: those the state records.
        var regions: Set<String>
        var result: Refresher.Result
    }

    /// Loads the provider and the cache while `state` (a task reading the state) finishes, then
    /// refreshes.
    static func load(config: ProjectConfig, state reading: Task<Result<State, any Error>, Never>, refresh: Bool,
                     refreshing: @escaping @Sendable (String) -> Void) async -> ReconcileInputs {
        let (provider, cache) = Concurrently.run({ Result { try ProviderFactory.make(config) } }, { SecretVerificationCache.load() })
        let state = await reading.value
        var inputs = ReconcileInputs(state: state, provider: provider, secretCache: cache)
        guard refresh, !Task.isCancelled, case .success(let recorded) = state, case .success(let handle) = provider else {
            return inputs
        }
        let regions = recorded.regions
        do {
            let indexes = try await Session.observe(regions.sorted(), with: handle.provider, refreshing: refreshing)
            inputs.refresh = .success(Refreshed(regions: regions, result: Session.refresh(recorded, indexes: indexes, cache: cache)))
        } catch {
            inputs.refresh = .failure(error)
        }
        return inputs
    }

    /// The refresh of `session`: the one made beside the manifests, once the regions only the
    /// manifests mention are observed too (they hold no record to refresh, but one the provider
    /// cannot observe fails the plan); a full refresh when none was made. A failure is printed and stops.
    func refreshed(for session: Session, with provider: any CloudProvider) async throws -> Refresher.Result {
        guard let refresh else { return try await session.refresh(with: provider) }
        let console = session.console
        let made: Refreshed
        do {
            made = try refresh.get()
        } catch {
            console.err(console.paint("Error:", .red) + " refreshing from the provider failed: \(error)")
            throw Session.Stop()
        }
        let others = session.regions.filter { !made.regions.contains($0) }
        if !others.isEmpty { _ = try await session.observe(others, with: provider) }
        return made.result
    }
}
