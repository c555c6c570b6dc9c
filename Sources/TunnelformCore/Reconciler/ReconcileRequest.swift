/// What a plan is asked for: `tunnelform plan`, and the planning half of apply and destroy.
public struct PlanRequest: Sendable {
    public enum Mode: Sendable, Equatable {
        /// Make the cloud match the manifests.
        case converge
        /// Delete everything in the state (or the targets).
        case destroy
        /// Change no cloud object; record what the cloud has now.
        case refreshOnly
    }

    public var mode: Mode
    /// The manifests folder; nil takes `tunnelform.yaml`'s.
    public var manifests: String?
    /// `--target` values as typed (`Kind/name`); empty plans everything.
    public var targets: [String]
    /// Refresh from the provider first; false plans from the state alone.
    public var refresh: Bool
    /// Store in the plan, for every key it sends, a digest that `apply PLANFILE` checks (`plan --out`).
    public var pinSecrets: Bool

    public init(mode: Mode = .converge, manifests: String? = nil, targets: [String] = [], refresh: Bool = true, pinSecrets: Bool = false) {
        self.mode = mode
        self.manifests = manifests
        self.targets = targets
        self.refresh = refresh
        self.pinSecrets = pinSecrets
    }
}

/// What an apply is asked for: apply, destroy, `apply --refresh-only`, `apply PLANFILE`.
public struct ApplyRequest: Sendable {
    public var plan: PlanRequest
    /// A plan saved with `plan --out`, applied instead of a fresh one (and never asked about).
    public var savedPlan: String?
    /// Ask the observer to approve the plan before carrying it out.
    public var confirm: Bool
    /// How many operations may run at once.
    public var parallelism: Int
    /// How long to wait for another holder of the lock.
    public var lockTimeout: Duration

    public init(plan: PlanRequest, savedPlan: String? = nil, confirm: Bool = true, parallelism: Int = 10, lockTimeout: Duration = .zero) {
        self.plan = plan
        self.savedPlan = savedPlan
        self.confirm = confirm
        self.parallelism = parallelism
        self.lockTimeout = lockTimeout
    }

    /// The lock holder's name: `tunnelform apply`, `tunnelform destroy`.
    var command: String { plan.mode == .destroy ? "tunnelform destroy" : "tunnelform apply" }
}
