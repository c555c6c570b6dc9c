/// Why a `Reconciler` call stopped. Thrown, never printed: the CLI renders it once, with the
/// diagnostics it carries, and maps it to an exit code. No message holds a secret.
public enum ReconcileError: Error, CustomStringConvertible {
    /// `tunnelform.yaml` has errors.
    case configuration([Diagnostic])
    /// The manifests have errors; nothing was planned.
    case manifests([Diagnostic])
    /// The state could not be read (corrupt, foreign version, unreadable).
    case state(any Error)
    /// The state lock is held, or could not be taken.
    case lock(any Error)
    /// A state write failed.
    case stateWrite(any Error)
    /// The provider could not be set up (credentials, endpoints, the simulated cloud's file).
    case provider(any Error)
    /// Reading the cloud failed.
    case refresh(region: String?, any Error)
    /// A `--target` that is not an address, or one in neither the manifests nor the state.
    case target(String, hint: String)
    /// A `kind: Moved` document that cannot be applied to the state.
    case moved(StateEditError)
    /// The manifests cannot be planned as written (e.g. swapped tunnel CIDRs), as positioned diagnostics.
    case unplannable([Diagnostic])
    /// A saved plan that cannot be applied.
    case savedPlan(SavedPlanProblem)
    /// `import` of an address the manifests do not declare (with the nearest one they do).
    case notDeclared(ResourceAddress, hint: String?)
    /// `import` refused the object; `at` is the region of the declaration it was looked for in.
    case imported(ImportError, at: SourceLocation?)
    /// `state rm`/`state mv` refused the edit.
    case stateEdit(StateEditError)
    /// `state push` refused the state.
    case push(StatePushRefusal)
    /// Options that cannot be used together.
    case usage(String)
    /// The plan was not approved (or no one could be asked); nothing was changed.
    case declined(reason: String)

    /// The positioned diagnostics to print before the message.
    public var diagnostics: [Diagnostic] {
        switch self {
        case .configuration(let diagnostics), .manifests(let diagnostics), .unplannable(let diagnostics): diagnostics
        case .imported(let error, let location?):
            if case .notFound = error {
                [.error("\(error)", hint: "the object is looked for in the region its declaration names", at: location)]
            } else {
                []
            }
        default: []
        }
    }

    public var description: String {
        switch self {
        case .configuration(let diagnostics): "tunnelform.yaml has \(diagnostics.errors.count) error(s)"
        case .manifests(let diagnostics): "the manifests have \(diagnostics.errors.count) error(s); nothing was planned."
        case .state(let error), .lock(let error), .stateWrite(let error), .provider(let error): "\(error)"
        case .refresh(let region?, let error): "reading \(region) from the provider failed: \(error)"
        case .refresh(nil, let error): "refreshing from the provider failed: \(error)"
        case .target(let value, let hint): "--target \(value) \(hint)"
        case .moved(let error): "a Moved document cannot be applied: \(error)"
        case .unplannable: "the manifests cannot be planned as written; nothing was changed"
        case .savedPlan(let problem): "\(problem)"
        case .notDeclared(let address, let hint):
            "\(address) is not in the manifests\(hint.map { " (\($0))" } ?? ""): declare it first, then import it"
        case .imported(.notFound, _?): "nothing was imported"
        case .imported(let error, _): "\(error)"
        case .stateEdit(let error): "\(error)"
        case .push(let refusal): "\(refusal)"
        case .usage(let message): message
        case .declined(let reason): reason
        }
    }
}

/// Why a plan saved with `plan --out` is refused.
public enum SavedPlanProblem: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case formatVersion(path: String, Int)
    /// The state changed since the plan was made.
    case stale(path: String, planSerial: Int, stateSerial: Int)
    /// The values behind these references changed since the plan was made.
    case keysChanged(path: String, [SecretPin])

    public var description: String {
        switch self {
        case .unreadable(let path): "\(path) is not a saved Tunnelform plan"
        case .formatVersion(let path, let version):
            "\(path) has plan formatVersion \(version); this tunnelform reads \(Plan.currentFormatVersion)"
        case .stale(let path, let planSerial, let stateSerial):
            "saved plan is stale: the state changed since it was made (serial \(planSerial) → \(stateSerial)). Run `tunnelform plan --out \(path)` again."
        case .keysChanged(let path, let pins):
            pins.map { "the value behind \($0.reference) (\($0.slot)) changed since the plan was made" }.joined(separator: "; ")
                + "; the saved plan would send another key than it showed. Run `tunnelform plan --out \(path)` again."
        }
    }
}
