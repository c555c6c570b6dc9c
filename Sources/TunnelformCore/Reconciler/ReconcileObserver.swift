/// What a `Reconciler` reports while it works. Every method has a no-op default; the CLI's views
/// implement the ones they show (progress lines on stderr, the plan, the confirmation prompt).
///
/// Methods are called from any task, sometimes concurrently (one region's refresh beside another's),
/// so an observer must be thread-safe.
public protocol ReconcileObserver: Sendable {
    /// Problems that do not stop the command: warnings of the configuration and the manifests.
    /// (Errors are thrown, in a `ReconcileError`.)
    func diagnosed(_ diagnostics: [Diagnostic])
    /// A note about the run, e.g. a target that pulls in what it depends on.
    func warned(_ message: String)
    /// The lock was left by a process of this host that is gone, and was taken over.
    func tookOverLock(from holder: StateLock.Holder)
    /// The state lock is held from here until the call returns; whatever ends the process before
    /// (a second Ctrl-C) gives it up with `releaseBeforeExit()`.
    func locked(_ lease: any StateLease)
    /// Reading one region from the provider starts.
    func refreshing(region: String)
    /// A provider call failed transiently and is tried again.
    func retrying(_ retry: CloudRetry)
    /// The plan an apply is about to carry out.
    func planned(_ plan: Plan)
    /// Whether to carry out `plan`. Not asked for a saved plan or an empty one.
    func approve(_ plan: Plan, destroying: Bool) async -> Approval
    /// The apply starts; requesting `interrupt` stops it gracefully (the operations in flight finish).
    func applying(_ interrupt: ApplyInterrupt)
    /// An operation of the apply started, finished, failed or is retried.
    func applyEvent(_ event: ApplyEvent)
}

extension ReconcileObserver {
    public func diagnosed(_ diagnostics: [Diagnostic]) {}
    public func warned(_ message: String) {}
    public func tookOverLock(from holder: StateLock.Holder) {}
    public func locked(_ lease: any StateLease) {}
    public func refreshing(region: String) {}
    public func retrying(_ retry: CloudRetry) {}
    public func planned(_ plan: Plan) {}
    public func approve(_ plan: Plan, destroying: Bool) async -> Approval { .approved }
    public func applying(_ interrupt: ApplyInterrupt) {}
    public func applyEvent(_ event: ApplyEvent) {}
}

/// The answer to "do you want to perform these operations?".
public enum Approval: Sendable, Equatable {
    case approved
    /// Not approved, and why: `Cancelled: nothing was changed.`, or that no one could be asked.
    case declined(String)
}

/// An observer that hears nothing and approves every plan.
public struct SilentObserver: ReconcileObserver {
    public init() {}
}

/// One retry of a provider call: which call, why, and when the next attempt starts.
public struct CloudRetry: Sendable, Equatable {
    public var action: String
    /// The region the call was for, when it has one.
    public var region: String?
    public var code: String
    /// The attempt that failed, counting from 1, of at most `maxAttempts`.
    public var attempt: Int
    public var maxAttempts: Int
    /// Seconds until the next attempt.
    public var delay: Double

    public init(action: String, region: String? = nil, code: String, attempt: Int, maxAttempts: Int, delay: Double) {
        self.action = action
        self.region = region
        self.code = code
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.delay = delay
    }
}
