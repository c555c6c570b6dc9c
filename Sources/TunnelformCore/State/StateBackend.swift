/// Where a project's state lives: the local file beside the manifests (the default) or a shared
/// database (`backend:` in tunnelform.yaml).
///
/// Reading needs no lock, as a plan only reads. Every write goes through a `StateLease`, so a
/// command can only write while it holds the lock, and a shared backend can refuse the write of a
/// holder that lost it.
public protocol StateBackend: Sendable {
    /// Where the state is, for messages: `tunnelform.state.json`, `postgres workspace prod`.
    var location: String { get }

    /// The current state; an empty `State` when none was written yet.
    func read() async throws -> State

    /// Takes the lock for `command` (`tunnelform apply`), waiting up to `timeout` for a holder to
    /// finish. A lock the backend can tell was abandoned is taken over, and `tookOver` hears whose
    /// it was (to warn). Throws, naming the holder, when the lock stays held.
    func lock(command: String, timeout: Duration, tookOver: @escaping @Sendable (StateLock.Holder) -> Void) async throws
        -> any StateLease

    /// Breaks the lock whoever holds it; returns whose it was, nil when it was not held.
    func forceUnlock() async throws -> StateLock.Holder?
}

/// The lock one command holds on a `StateBackend`, and the only way to write its state.
public protocol StateLease: Sendable {
    var holder: StateLock.Holder { get }

    /// Writes `state` atomically. A shared backend writes only while this lease still holds the
    /// lock and no newer state was written, and throws otherwise.
    func write(_ state: State) async throws

    /// Gives the lock up. Safe to call more than once; a lease never released expires or is
    /// judged stale.
    func release() async

    /// Gives the lock up from a signal handler about to end the process, without waiting: the
    /// local file's lock is removed; a shared backend's lease is left to expire.
    func releaseBeforeExit()
}
