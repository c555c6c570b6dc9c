/// Lets one task at a time use the lease's connection, so a renewal never lands inside a write's
/// transaction. Waiters are served in arrival order; the gate is handed over, never left open
/// between two holders.
actor SerialGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func leave() {
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }
}
