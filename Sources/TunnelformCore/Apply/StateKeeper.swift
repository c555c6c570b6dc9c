import Foundation

/// Owns the state during an apply: every change is written to disk at once, atomically, with
/// the serial bumped, so an interrupted apply never loses a completed operation.
public actor StateKeeper {
    public private(set) var state: State
    private let store: StateStore?

    public init(state: State, store: StateStore?) {
        self.state = state
        self.store = store
    }

    /// Applies `change` and saves when it changed anything.
    public func update(_ change: (inout State) throws -> Void) throws {
        var next = state
        try change(&next)
        guard next != state else { return }
        next.serial = state.serial + 1
        if next.lineage.isEmpty { next.lineage = UUID().uuidString.lowercased() }
        try store?.write(next)
        state = next
    }
}
