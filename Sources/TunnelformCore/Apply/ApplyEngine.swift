import Foundation

/// Carries out a plan: walks the operation graph with bounded concurrency, journals each call
/// before making it, retries what the cloud says is retryable, waits for asynchronous changes,
/// and records every completed operation in the state at once.
///
/// When an operation fails, the operations that wait for it are skipped and the independent
/// ones still run; running apply again converges.
public struct ApplyEngine: Sendable {
    public var provider: any CloudProvider
    public var secrets: ResolvedSecrets
    public var parallelism: Int
    public var retry: RetryPolicy
    public var clock: TunnelformClock
    /// Longest wait for one asynchronous change.
    public var settleTimeout: Double
    public var events: @Sendable (ApplyEvent) -> Void
    /// Produces `0..<1` for jitter; injected for tests.
    public var random: @Sendable () -> Double
    /// Makes a digest of a secret value that was just applied.
    public var digest: @Sendable (String) throws -> SecretDigest
    /// Once requested, no further operation starts; those in flight finish and are recorded.
    public var interrupt: ApplyInterrupt

    public init(provider: any CloudProvider, secrets: ResolvedSecrets, parallelism: Int = 10, retry: RetryPolicy = RetryPolicy(),
                clock: TunnelformClock = .system, settleTimeout: Double = 30 * 60,
                events: @escaping @Sendable (ApplyEvent) -> Void = { _ in },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                digest: @escaping @Sendable (String) throws -> SecretDigest = { try SecretDigest(of: $0) },
                interrupt: ApplyInterrupt = ApplyInterrupt()) {
        self.provider = provider
        self.secrets = secrets
        self.parallelism = max(1, parallelism)
        self.retry = retry
        self.clock = clock
        self.settleTimeout = settleTimeout
        self.events = events
        self.random = random
        self.digest = digest
        self.interrupt = interrupt
    }

    public func apply(_ plan: Plan, keeper: StateKeeper) async -> ApplyReport {
        var scheduler = ApplyScheduler(plan.operations)
        let tally = RetryTally()
        let limit = parallelism
        await withTaskGroup(of: (id: String, failure: String?).self) { group in
            var running = 0
            while true {
                let (ready, skipped) = interrupt.isRequested ? ([], []) : scheduler.takeReady(limit: limit - running)
                for (operation, blocker) in skipped { events(.skipped(operation, because: plan.operation(blocker))) }
                for operation in ready {
                    running += 1
                    interrupt.started()
                    group.addTask { await self.outcome(of: operation, keeper: keeper, tally: tally) }
                }
                guard let finished = await group.next() else { break }
                running -= 1
                interrupt.finished()
                scheduler.finish(finished.id, failure: finished.failure)
                if let failure = finished.failure, let operation = plan.operation(finished.id) {
                    events(.failed(operation, failure))
                }
            }
        }
        let interrupted = interrupt.isRequested
        for (operation, blocker) in scheduler.skipRemaining() where !interrupted {
            events(.skipped(operation, because: plan.operation(blocker)))
        }
        var report = scheduler.report
        report.interrupted = interrupted
        report.retries = await tally.count
        return report
    }

    private func outcome(of operation: PlanOperation, keeper: StateKeeper, tally: RetryTally) async -> (id: String, failure: String?) {
        do {
            try await run(operation, keeper: keeper, tally: tally)
            return (operation.id, nil)
        } catch {
            // Without the lock nothing may be written, so nothing more may be called either.
            if error is StateLeaseLost { interrupt.request() }
            return (operation.id, "\(error)")
        }
    }

    private func run(_ operation: PlanOperation, keeper: StateKeeper, tally: RetryTally) async throws {
        events(.started(operation))
        let started = clock.now()
        let builder = CloudRequestBuilder(secrets: secrets)
        let request = try await narrowed(try builder.request(for: operation, state: await keeper.state), operation: operation, tally: tally)
        let token = try await journal(operation, keeper: keeper)
        let response: CloudResponse
        do {
            response = try await retrying(operation, tally: tally) { () async throws(CloudError) in
                try await provider.execute(request, idempotencyToken: token)
            }
        } catch let error as CloudError where !error.isRetryable {
            // A terminal answer means the cloud did nothing: the intent is void.
            try await keeper.update(.coalesced) { $0.pendingOperations.removeAll { $0.operationId == operation.id } }
            throw ApplyError.cloud(error)
        }
        if let target = settleTarget(operation, request: request, response: response) {
            try await waitUntilSettled(target, expecting: operation.settlesTo ?? "settled", operation: operation)
        }
        let digests = try digests(for: operation)
        // Coalesced: should this write be lost, the journal entry on disk makes the next apply
        // resume the call with the same token, which returns the same object.
        try await keeper.update(.coalesced) { state in
            try StateRecorder.record(operation, createdId: response.createdId, digests: digests, in: &state)
            state.pendingOperations.removeAll { $0.operationId == operation.id }
        }
        events(.completed(operation, seconds: clock.now().timeIntervalSince(started)))
    }

    /// Records the intent with its idempotency token, reusing the token of an interrupted run.
    ///
    /// Except for a connection modify: it is narrowed against the connection as it is now, so after an
    /// interruption it may rightly send less than the call made under the old token, which the cloud would
    /// refuse as a mismatch. A modify only sets values, so a new token cannot make anything twice.
    private func journal(_ operation: PlanOperation, keeper: StateKeeper) async throws -> String {
        let reusable = !(operation.object == .connection && operation.action == .modify)
        if reusable, let pending = await keeper.state.pending(operation.id) { return pending.token }
        let token = "tf-" + UUID().uuidString.lowercased()
        let entry = PendingOperation(operationId: operation.id, address: operation.address, token: token, startedAt: clock.now())
        // Durable before the call is sent: this is what keeps an interrupted apply from creating twice.
        try await keeper.update(.durable) { state in
            state.pendingOperations.removeAll { $0.operationId == operation.id }
            state.pendingOperations.append(entry)
        }
        return token
    }

    /// A connection modify as it must be sent: IKE blocks only for tunnels whose IKE settings or key
    /// change, each with the key in effect, read from the cloud just before the call.
    private func narrowed(_ request: CloudRequest, operation: PlanOperation, tally: RetryTally) async throws -> CloudRequest {
        guard case .modifyConnection(let region, let id, let spec) = request else { return request }
        // A read: the provider retries it as it retries every read.
        let current = try await provider.connection(region: region, id: id)
        // A connection that is gone gets the cloud's own answer to the modify.
        guard let current else { return request }
        return .modifyConnection(region: region, id: id, try spec.narrowed(against: current))
    }

    /// `body` again, after a jittered backoff, for as long as the cloud says retrying may help.
    private func retrying<T>(_ operation: PlanOperation, tally: RetryTally,
                             _ body: () async throws(CloudError) -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch let error {
                guard error.isRetryable, attempt < retry.maxAttempts else { throw error }
                let delay = retry.delay(afterAttempt: attempt, serverHint: error.retryAfter, random: random())
                events(.retrying(operation, error, attempt: attempt, maxAttempts: retry.maxAttempts, delay: delay))
                await tally.increment()
                try await clock.sleep(seconds: delay)
                attempt += 1
            }
        }
    }

    /// The object an operation waits for, named by the request that was sent (so an association on an
    /// attachment created earlier in the same run is found) or by the id the cloud just returned.
    private func settleTarget(_ operation: PlanOperation, request: CloudRequest, response: CloudResponse) -> CloudObjectRef? {
        guard operation.settlesTo != nil else { return nil }
        switch request {
        case .createConnection(let region, _):
            return response.createdId.map { CloudObjectRef.connection(region: region, id: $0) }
        case .modifyConnection(let region, let id, _), .deleteConnection(let region, let id):
            return CloudObjectRef.connection(region: region, id: id)
        case .createTransitRouterAttachment(let region, _, _, _):
            return response.createdId.map { CloudObjectRef.transitRouterAttachment(region: region, id: $0) }
        case .updateTransitRouterAttachment(let region, let id, _), .deleteTransitRouterAttachment(let region, let id):
            return CloudObjectRef.transitRouterAttachment(region: region, id: id)
        case .associateDefaultRouteTable(let region, let id), .dissociateDefaultRouteTable(let region, let id):
            return CloudObjectRef.routeTableAssociation(region: region, attachmentId: id)
        case .enableDefaultRouteTablePropagation(let region, let id), .disableDefaultRouteTablePropagation(let region, let id):
            return CloudObjectRef.routeTablePropagation(region: region, attachmentId: id)
        case .createCustomerGateway, .modifyCustomerGateway, .deleteCustomerGateway, .grant, .revoke:
            return nil
        }
    }

    /// Polls until the object settles (or is gone, for deletes), reporting progress every 10 s.
    private func waitUntilSettled(_ target: CloudObjectRef, expecting: String, operation: PlanOperation) async throws {
        let started = clock.now()
        var interval = 0.2
        var reported = 0
        while let state = try await pendingState(of: target, expectingGone: expecting == "gone") {
            let elapsed = Int(clock.now().timeIntervalSince(started))
            if Double(elapsed) > settleTimeout { throw ApplyError.timedOut(waitingFor: target.description, seconds: elapsed) }
            if elapsed / 10 > reported {
                reported = elapsed / 10
                events(.waiting(operation, state: state, elapsed: reported * 10))
            }
            try await clock.sleep(seconds: interval)
            interval = min(interval * 1.5, 2)
        }
    }

    /// Nil once the object reached what the operation waits for; otherwise the state it is in.
    private func pendingState(of target: CloudObjectRef, expectingGone: Bool) async throws -> String? {
        let status: SettleStatus
        do {
            status = try await provider.status(of: target)
        } catch {
            guard error.isRetryable else { throw ApplyError.cloud(error) }
            return "unreachable"
        }
        switch status {
        case .gone:
            guard expectingGone else {
                throw ApplyError.cloud(CloudError(code: "NotFound", message: "\(target) disappeared while waiting for it", isRetryable: false))
            }
            return nil
        case .settled(let state):
            return expectingGone ? state : nil
        case .pending(let state):
            return state
        }
    }

    /// Digests of the secrets this operation sent, for the state.
    private func digests(for operation: PlanOperation) throws -> StateRecorder.Digests {
        var digests: StateRecorder.Digests = [:]
        switch operation.payload {
        case .customerGateway(let gateway)?:
            let slot = SecretSlot.bgpAuthKey(gateway: gateway.name)
            if let value = secrets[slot] { digests[slot] = try digest(value) }
        case .connection(let connection)? where operation.object == .connection:
            for index in connection.tunnels.indices {
                let slot = SecretSlot.preSharedKey(connection: connection.name, tunnel: index)
                if let value = secrets[slot] { digests[slot] = try digest(value) }
            }
        default:
            break
        }
        return digests
    }
}

/// Counts retries across concurrent operations.
actor RetryTally {
    private(set) var count = 0
    func increment() { count += 1 }
}
