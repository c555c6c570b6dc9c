import Foundation
import TunnelformCore

/// Progress lines on stderr while an apply runs.
struct ApplyProgressView {
    var console: Console

    func line(for event: ApplyEvent) -> String {
        switch event {
        case .started(let operation):
            "\(operation.address): \(progressive(operation)) \(operation.object.displayName)…"
        case .retrying(let operation, let error, let attempt, let delay):
            "\(operation.address): \(error.code) (attempt \(attempt)), retrying in \(String(format: "%.1f", delay))s"
        case .waiting(let operation, let state, let elapsed):
            "\(operation.address): still \(state)… [\(elapsed)s elapsed]"
        case .completed(let operation, let seconds):
            "\(operation.address): \(past(operation)) \(operation.object.displayName) [\(String(format: "%.0f", seconds))s]"
        case .failed(let operation, let message):
            console.paint("Error:", .red) + " \(operation.address): \(verbPhrase(operation)) \(operation.object.displayName) failed: \(message)"
        case .skipped(let operation, let blocker):
            "\(operation.address): skipped \(verbPhrase(operation)) \(operation.object.displayName) because "
                + (blocker.map { "\(progressive($0)) the \($0.object.displayName) of \($0.address) did not complete" } ?? "an earlier operation failed")
        }
    }

    private func verbPhrase(_ operation: PlanOperation) -> String { operation.action.words.base }
    private func progressive(_ operation: PlanOperation) -> String { operation.action.words.progressive }
    private func past(_ operation: PlanOperation) -> String { operation.action.words.past }
}

extension PlanAction {
    /// How the action reads in progress lines: `create`, `creating`, `created`.
    var words: (base: String, progressive: String, past: String) {
        switch self {
        case .create: ("create", "creating", "created")
        case .modify: ("modify", "modifying", "modified")
        case .grant: ("grant", "granting", "granted")
        case .revoke: ("revoke", "revoking", "revoked")
        case .delete: ("delete", "deleting", "deleted")
        case .replace: ("replace", "replacing", "replaced")
        }
    }
}
