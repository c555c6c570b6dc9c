/// A plan and what it was made from: the checked manifests, the state as read, and the refresh.
/// Pure data; the views render it.
public struct Reconciliation: Sendable {
    public var plan: Plan
    public var manifests: ManifestCheck
    /// The state as read, before the refresh.
    public var state: State
    public var refreshed: Refresher.Result
    /// The parsed `--target` addresses; nil plans everything.
    public var targets: Set<ResourceAddress>?
    public var mode: PlanRequest.Mode
    /// With `refreshOnly`: the state `apply --refresh-only` writes (the refreshed records of the
    /// targets and what they depend on, when targeted; the serial is bumped when written).
    public var refreshOnlyState: State?

    public init(plan: Plan, manifests: ManifestCheck, state: State, refreshed: Refresher.Result, targets: Set<ResourceAddress>?,
                mode: PlanRequest.Mode) {
        self.plan = plan
        self.manifests = manifests
        self.state = state
        self.refreshed = refreshed
        self.targets = targets
        self.mode = mode
    }

    /// Whether the plan changes anything: with `refreshOnly`, whether the cloud changed outside Tunnelform.
    public var hasChanges: Bool { mode == .refreshOnly ? !plan.drift.isEmpty : !plan.changesNothing }
}

/// How an apply ended (failures of the operations included: they are in the report).
public struct ApplyOutcome: Sendable {
    public enum Result: Sendable {
        /// The plan was carried out; `report` says what completed, failed or was skipped.
        case applied(ApplyReport)
        /// The plan was empty; the state recorded what the cloud filled in.
        case nothingToDo
        /// `--refresh-only`: the state now records what the cloud has (`serial`), or already did.
        case refreshed(serial: Int, changed: Bool)
    }

    public var plan: Plan
    public var result: Result
    public var mode: PlanRequest.Mode

    public init(plan: Plan, result: Result, mode: PlanRequest.Mode) {
        self.plan = plan
        self.result = result
        self.mode = mode
    }

    public var succeeded: Bool {
        if case .applied(let report) = result { return report.succeeded }
        return true
    }
}
