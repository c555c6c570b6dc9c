import Foundation

/// Reads a plan saved with `plan --out` and checks that it may still be applied: the same state
/// (lineage and serial) and the same keys behind every reference it pinned.
enum SavedPlan {
    static func load(_ path: String, state: State, secrets: ResolvedSecrets, cache: SecretVerificationCache) throws -> Plan {
        let plan: Plan
        do {
            guard let data = FileManager.default.contents(atPath: path) else { throw SavedPlanProblem.unreadable(path: path) }
            plan = try CanonicalJSON.decode(Plan.self, from: data)
        } catch {
            throw ReconcileError.savedPlan(.unreadable(path: path))
        }
        guard plan.formatVersion == Plan.currentFormatVersion else { throw ReconcileError.savedPlan(.formatVersion(path: path, plan.formatVersion)) }
        guard plan.lineage == state.lineage, plan.serial == state.serial else {
            throw ReconcileError.savedPlan(.stale(path: path, planSerial: plan.serial, stateSerial: state.serial))
        }
        let changed = SecretPin.changed(plan.pinnedSecrets, secrets: secrets, cache: cache)
        guard changed.isEmpty else { throw ReconcileError.savedPlan(.keysChanged(path: path, changed)) }
        return plan
    }
}
