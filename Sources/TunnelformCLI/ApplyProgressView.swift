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
            "\(operation.address): skipped \(verbPhrase(operation)) \(operation.object.displayName) because \(blocker) did not complete"
        }
    }

    private func verbPhrase(_ operation: PlanOperation) -> String {
        switch operation.action {
        case .create: "create"
        case .modify: "modify"
        case .grant: "grant"
        case .revoke: "revoke"
        case .delete: "delete"
        case .replace: "replace"
        }
    }

    private func progressive(_ operation: PlanOperation) -> String {
        switch operation.action {
        case .create: "creating"
        case .modify: "modifying"
        case .grant: "granting"
        case .revoke: "revoking"
        case .delete: "deleting"
        case .replace: "replacing"
        }
    }

    private func past(_ operation: PlanOperation) -> String {
        switch operation.action {
        case .create: "created"
        case .modify: "modified"
        case .grant: "granted"
        case .revoke: "revoked"
        case .delete: "deleted"
        case .replace: "replaced"
        }
    }
}
