/// Loading and planning, overlapped: the steps plan, apply and destroy share.
extension Reconciler {
    /// A plan and the open provider and verification cache it was made with (the apply goes on with both).
    struct Prepared: Sendable {
        var reconciliation: Reconciliation
        var handle: ProviderHandle
        var cache: SecretVerificationCache
    }

    /// What is read beside the manifests: none of it depends on them, and a refresh only reads.
    private struct Inputs: Sendable {
        var state: Result<State, any Error>
        var provider: Result<ProviderHandle, any Error>
        var cache: SecretVerificationCache
        /// The refresh of the regions the state records; nil when not refreshing, when the state or the
        /// provider could not be loaded, or when cancelled first.
        var refresh: Result<(regions: Set<String>, result: Refresher.Result, agreement: CloudKeyAgreement), any Error>?
    }

    /// Reads the state and loads the provider and the cache at the same time, then refreshes the
    /// state's regions while the manifests are read and validated. Manifests with errors cancel the
    /// refresh (one not yet started is skipped). The state's file is done with before the
    /// manifests' trees and the cloud's file reach their peak, which keeps memory lower than
    /// reading all three at once.
    func prepare(_ request: PlanRequest) async throws -> Prepared {
        let backend = backend
        let reading = Task { await captured { try await backend.read() } }
        let folder = request.manifests ?? config.manifests
        let checking = Task {
            _ = await reading.value
            return await Concurrently.detached { ManifestCheck.run(folder: folder) }
        }
        let loading = Task { await loadInputs(reading: reading, checking: checking, refresh: request.refresh) }
        let check = await checking.value
        if check.diagnostics.hasErrors { loading.cancel() }
        let inputs = await loading.value
        let handle: ProviderHandle
        let state: State
        do {
            if check.diagnostics.hasErrors { throw ReconcileError.manifests(check.diagnostics) }
            observer.diagnosed(check.diagnostics)
            do { state = try inputs.state.get() } catch { throw ReconcileError.state(error) }
            do { handle = try inputs.provider.get() } catch { throw ReconcileError.provider(error) }
        } catch {
            if case .success(let handle) = inputs.provider { await handle.shutdown() }
            throw error
        }
        do {
            let reconciliation = try await plan(request, check: check, state: state, inputs: inputs, provider: handle.provider)
            return Prepared(reconciliation: reconciliation, handle: handle, cache: inputs.cache)
        } catch {
            await handle.shutdown()
            throw error
        }
    }

    private func loadInputs(reading: Task<Result<State, any Error>, Never>, checking: Task<ManifestCheck, Never>, refresh: Bool) async
        -> Inputs
    {
        let (provider, cache) = Concurrently.run({ [self] in Result { try self.provider() } }, { [loadSecretCache] in loadSecretCache() })
        let state = await reading.value
        var inputs = Inputs(state: state, provider: provider, cache: cache)
        guard refresh, !Task.isCancelled, case .success(let recorded) = state, case .success(let handle) = provider else { return inputs }
        let regions = recorded.regions
        inputs.refresh = await captured {
            let indexes = try await observe(regions.sorted(), with: handle.provider)
            let agreement = try await Self.agreement(recorded, indexes: indexes, cache: cache, checking: checking)
            return (regions, Self.refresh(recorded, indexes: indexes, cache: cache, agreement: agreement), agreement)
        }
        return inputs
    }

    /// The keys the cloud and the manifests agree on, when they save slow checks. With a warm cache
    /// the refresh needs none of them and goes on while the manifests are still being read; otherwise
    /// it waits for the manifests, whose values spare it (and the plan) a derivation per key.
    private static func agreement(_ state: State, indexes: [String: InventoryIndex], cache: SecretVerificationCache,
                                  checking: Task<ManifestCheck, Never>) async throws -> CloudKeyAgreement {
        let checks = Refresher.keyChecks(state, indexes: indexes)
        if checks.allSatisfy({ cache.isRemembered($0.digest, $0.secret) }) { return CloudKeyAgreement() }
        let check = await checking.value
        try Task.checkCancellation()
        return CloudKeyAgreement(secrets: check.secrets, state: state, keyChecks: checks)
    }

    /// Targets, the rest of the refresh, `kind: Moved` documents, then the plan; a plan with
    /// problems (swapped tunnel CIDRs, a dependency cycle) is refused with positioned diagnostics.
    private func plan(_ request: PlanRequest, check: ManifestCheck, state: State, inputs: Inputs,
                      provider: any CloudProvider) async throws -> Reconciliation {
        let targets = try Self.targets(request.targets, state: state, model: check.model)
        if request.mode == .refreshOnly && !request.refresh {
            throw ReconcileError.usage("--refresh-only and --refresh=false cannot be used together")
        }
        var refreshed = Refresher.Result(state: state)
        var agreement = CloudKeyAgreement()
        if request.refresh {
            // The regions only the manifests mention hold no record to refresh, but one the provider
            // cannot observe fails the plan.
            let regions = Self.regions(of: state, check.model)
            switch inputs.refresh {
            case .success(let made)?:
                let others = regions.filter { !made.regions.contains($0) }
                if !others.isEmpty { _ = try await observe(others, with: provider) }
                refreshed = made.result
                agreement = made.agreement
            case .failure(let error)?:
                throw (error as? ReconcileError) ?? ReconcileError.refresh(region: nil, error)
            case nil:
                let indexes = try await observe(regions, with: provider)
                agreement = CloudKeyAgreement(secrets: check.secrets, state: state,
                                              keyChecks: Refresher.keyChecks(state, indexes: indexes))
                refreshed = Self.refresh(state, indexes: indexes, cache: inputs.cache, agreement: agreement)
            }
        }
        let moves: [StateMove]
        do {
            (refreshed, moves) = try refreshed.moving(check.model.moves.map(\.value))
        } catch {
            throw ReconcileError.moved(error)
        }
        let input = plannerInput(check: check, refreshed: refreshed, mode: request.mode, targets: targets, cache: inputs.cache,
                                 agreement: agreement)
        var plan: Plan
        var refreshOnlyState: State?
        if request.mode == .refreshOnly {
            let keep: Set<ResourceAddress>?
            (plan, keep) = Planner().refreshOnly(input)
            refreshOnlyState = refreshed.state(absorbingDriftOf: keep ?? Set(state.addresses + refreshed.state.addresses))
        } else {
            plan = Planner().plan(input)
        }
        plan.moves = moves
        guard plan.problems.isEmpty else { throw ReconcileError.unplannable(plan.problems.map { $0.diagnostic(in: check.model) }) }
        var reconciliation = Reconciliation(plan: plan, manifests: check, state: state, refreshed: refreshed, targets: targets, mode: request.mode)
        reconciliation.refreshOnlyState = refreshOnlyState
        return reconciliation
    }

    /// The planner's input. Keys are compared with the state's slow digests through the local
    /// verification cache, the remaining derivations on every core, except those the cloud reported
    /// equal to the manifests' (`agreement`).
    func plannerInput(check: ManifestCheck, refreshed: Refresher.Result, mode: PlanRequest.Mode, targets: Set<ResourceAddress>?,
                      cache: SecretVerificationCache, agreement: CloudKeyAgreement = CloudKeyAgreement()) -> Planner.Input {
        if mode == .destroy { return .destroy(state: refreshed.state, drift: refreshed.drift, targets: targets) }
        let verdicts = SecretVerdicts(secrets: check.secrets, state: refreshed.state, cache: cache, agreement: agreement)
        return Planner.Input(customerGateways: check.model.customerGateways.map(\.value), connections: check.model.connections.map(\.value),
                             secrets: check.secrets, state: refreshed.state, deletedOutside: refreshed.deletedOutside,
                             drift: refreshed.drift, targets: targets, secretVerdicts: verdicts)
    }

    /// The inventories of `regions`, each indexed in its own task while the provider answers for
    /// the next one.
    func observe(_ regions: [String], with provider: any CloudProvider) async throws -> [String: InventoryIndex] {
        let observer = observer
        return try await withThrowingTaskGroup(of: InventoryIndex.self) { group in
            for region in regions {
                group.addTask {
                    observer.refreshing(region: region)
                    do {
                        return InventoryIndex(try await provider.observe(region: region))
                    } catch {
                        throw ReconcileError.refresh(region: region, error)
                    }
                }
            }
            var indexes: [String: InventoryIndex] = [:]
            for try await index in group { indexes[index.inventory.region] = index }
            return indexes
        }
    }

    /// `state` brought up to date with the observed inventories. Keys the cloud returned are checked
    /// against the state's slow digests through the cache, but for those the manifests agree with
    /// (`agreement`); the checks the cache cannot answer are derived ahead, on every core.
    static func refresh(_ state: State, indexes: [String: InventoryIndex], cache: SecretVerificationCache,
                        agreement: CloudKeyAgreement = CloudKeyAgreement()) -> Refresher.Result {
        _ = cache.matches(Refresher.keyChecks(state, indexes: indexes).filter { !agreement.covers($0.digest, $0.secret) })
        return Refresher(matches: { agreement.covers($0, $1) || cache.matches($0, $1) }).refresh(state, indexes: indexes)
    }

    /// Every region the manifests or the state mention.
    static func regions(of state: State, _ model: DesiredModel) -> [String] {
        var regions = state.regions
        for gateway in model.customerGateways { regions.insert(gateway.value.region) }
        for connection in model.connections { regions.insert(connection.value.region) }
        return regions.sorted()
    }

    /// Parses `--target` values: an unknown form, or an address in neither the manifests nor the
    /// state, is an error naming the nearest known one.
    static func targets(_ values: [String], state: State, model: DesiredModel) throws -> Set<ResourceAddress>? {
        guard !values.isEmpty else { return nil }
        var known = Set(state.addresses)
        for gateway in model.customerGateways { known.insert(gateway.value.address) }
        for connection in model.connections { known.insert(connection.value.address) }
        var targets = Set<ResourceAddress>()
        for value in values {
            guard let address = ResourceAddress(parsing: value) else {
                throw ReconcileError.target(value, hint: "is not an address (use Kind/name, e.g. VpnConnection/shanghai-dc)")
            }
            guard known.contains(address) else {
                let hint = Suggestion.hint(for: value, in: known.map(\.description)) ?? "tunnelform state list shows the state's addresses"
                throw ReconcileError.target(value, hint: "is in neither the manifests nor the state (\(hint))")
            }
            targets.insert(address)
        }
        return targets
    }
}
