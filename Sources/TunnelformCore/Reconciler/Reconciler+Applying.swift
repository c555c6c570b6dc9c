import Foundation

/// apply, destroy, `apply --refresh-only` and `apply PLANFILE`, under the state lock.
extension Reconciler {
    /// Takes the lock, plans (or loads the saved plan), asks the observer to approve, carries the plan
    /// out writing the state after every operation, refreshes once more to record what the cloud
    /// filled in, and releases the lock on every path. Failed operations are in the outcome's report;
    /// a plan not approved throws `declined`.
    public func apply(_ request: ApplyRequest) async throws -> ApplyOutcome {
        try await withLock(request.command, timeout: request.lockTimeout) { lease in
            let prepared = try await prepare(request.plan)
            defer { try? prepared.cache.save() }
            do {
                let outcome = try await carryOut(prepared, request: request, lease: lease)
                await prepared.handle.shutdown()
                return outcome
            } catch {
                await prepared.handle.shutdown()
                throw error
            }
        }
    }

    /// `body` under the state lock, released on every path.
    func withLock<T>(_ command: String, timeout: Duration, _ body: (any StateLease) async throws -> T) async throws -> T {
        let observer = observer
        let lease: any StateLease
        do {
            lease = try await backend.lock(command: command, timeout: timeout, tookOver: { observer.tookOverLock(from: $0) })
        } catch {
            throw ReconcileError.lock(error)
        }
        observer.locked(lease)
        do {
            let result = try await body(lease)
            await lease.release()
            return result
        } catch {
            await lease.release()
            throw error
        }
    }

    private func carryOut(_ prepared: Prepared, request: ApplyRequest, lease: any StateLease) async throws -> ApplyOutcome {
        let reconciliation = prepared.reconciliation
        var plan = reconciliation.plan
        if let path = request.savedPlan {
            plan = try SavedPlan.load(path, state: reconciliation.state, secrets: reconciliation.manifests.secrets, cache: prepared.cache)
        }
        let mode = request.plan.mode
        observer.planned(plan)
        if plan.refreshOnly { return try await writeRefreshed(reconciliation, plan: plan, request: request, lease: lease) }
        if plan.isEmpty {
            // Values the cloud filled in (tunnel ids, gateway IPs) are recorded; drift is not absorbed,
            // so the next plan still shows it.
            var filled = reconciliation.refreshed.filled
            if filled != reconciliation.state, !reconciliation.state.lineage.isEmpty {
                filled.serial = reconciliation.state.serial + 1
                try? await lease.write(filled)
            }
            return ApplyOutcome(plan: plan, result: .nothingToDo, mode: mode)
        }
        if request.savedPlan == nil, request.confirm, case .declined(let reason) = await observer.approve(plan, destroying: mode == .destroy) {
            throw ReconcileError.declined(reason: reason)
        }
        let report = try await run(plan, prepared: prepared, parallelism: request.parallelism, lease: lease)
        return ApplyOutcome(plan: plan, result: .applied(report), mode: mode)
    }

    /// The apply itself, from the refreshed state; then one more refresh to record gateway IPs and
    /// tunnel ids. Drift of addresses outside the plan stays recorded, so the next plan still shows it.
    private func run(_ plan: Plan, prepared: Prepared, parallelism: Int, lease: any StateLease) async throws -> ApplyReport {
        let reconciliation = prepared.reconciliation
        let keeper = StateKeeper(state: reconciliation.state, lease: lease)
        let planned = Set(plan.operations.map(\.address))
        do {
            try await keeper.replace(with: reconciliation.refreshed.state(absorbingDriftOf: planned))
        } catch {
            throw ReconcileError.stateWrite(error)
        }
        // Digests made here go into the verification cache too, so the next plan checks them with one HMAC.
        let cache = prepared.cache
        let interrupt = ApplyInterrupt()
        let observer = observer
        let engine = ApplyEngine(provider: prepared.handle.provider, secrets: reconciliation.manifests.secrets, parallelism: parallelism,
                                 events: { observer.applyEvent($0) }, digest: { try cache.digest(of: $0) }, interrupt: interrupt)
        observer.applying(interrupt)
        var report = await engine.apply(plan, keeper: keeper)
        var writeFailure: (any Error)?
        do { try await keeper.flush() } catch { writeFailure = error }
        report.retries += await prepared.handle.retryCount()
        let final = await keeper.state
        if writeFailure == nil, let indexes = try? await observe(final.regions.sorted(), with: prepared.handle.provider) {
            let after = Self.refresh(final, indexes: indexes, cache: cache)
            try? await keeper.replace(with: after.state(absorbingDriftOf: planned))
        }
        if let writeFailure { throw ReconcileError.stateWrite(writeFailure) }
        return report
    }

    /// `apply --refresh-only`: asks when the cloud changed, then writes the refreshed state.
    private func writeRefreshed(_ reconciliation: Reconciliation, plan: Plan, request: ApplyRequest,
                                lease: any StateLease) async throws -> ApplyOutcome {
        let next = reconciliation.refreshOnlyState ?? reconciliation.refreshed.state
        guard next != reconciliation.state else {
            return ApplyOutcome(plan: plan, result: .refreshed(serial: reconciliation.state.serial, changed: false), mode: .refreshOnly)
        }
        if request.savedPlan == nil, request.confirm, !plan.drift.isEmpty, case .declined(let reason) = await observer.approve(plan, destroying: false) {
            throw ReconcileError.declined(reason: reason)
        }
        let keeper = StateKeeper(state: reconciliation.state, lease: lease)
        do {
            try await keeper.update { $0 = next }
        } catch {
            throw ReconcileError.stateWrite(error)
        }
        return ApplyOutcome(plan: plan, result: .refreshed(serial: await keeper.state.serial, changed: true), mode: .refreshOnly)
    }
}
