import Foundation

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

    /// The exact bytes of the current state (`state pull`); nil when none was written yet.
    func pull() async throws -> Data?

    /// The revisions written, newest first, at most `limit` of them (`state history`). Throws
    /// `StateBackendError.noHistory` for a backend that keeps none.
    func history(limit: Int) async throws -> [StateRevision]

    /// Makes the backend ready for use (`tunnelform init`): a database gets its schema migrated
    /// and the workspace created. Returns what was done, a line each; running it again is harmless.
    func prepare() async throws -> [String]

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

    /// Writes `state` atomically, as its exact bytes. A shared backend writes only while this lease
    /// still holds the lock and no other state was written since this lease took the lock or last
    /// wrote (a compare-and-swap), and throws otherwise.
    func write(_ state: EncodedState) async throws

    /// Gives the lock up. Safe to call more than once; a lease never released expires or is
    /// judged stale.
    func release() async

    /// Gives the lock up from a signal handler about to end the process, without waiting: the
    /// local file's lock is removed; a shared backend's lease is left to expire.
    func releaseBeforeExit()
}

extension StateLease {
    /// Writes `state` in canonical form.
    public func write(_ state: State) async throws {
        try await write(try EncodedState(state))
    }
}

/// What a backend refuses whatever its kind.
public enum StateBackendError: Error, Equatable, CustomStringConvertible {
    /// `state history` on a backend that keeps no history.
    case noHistory(location: String)

    public var description: String {
        switch self {
        case .noHistory(let location):
            "\(location) keeps no history of its own: `git log -p \(location)` shows the states committed, and a shared backend (`backend: postgres:` in tunnelform.yaml) keeps every serial"
        }
    }
}

/// A shared backend's lease that is no longer this command's: it expired and was taken over, was
/// broken by `force-unlock`, or its database connection was lost. Every write of the lease throws
/// it from then on, and an apply that hears it starts no further operation.
public struct StateLeaseLost: Error, Equatable, CustomStringConvertible {
    /// Where the state is (`postgres workspace prod`).
    public var location: String
    /// Why, in a few words: `it was taken over by tunnelform apply by bob (pid 7 on ci-2, since …)`.
    public var reason: String

    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String {
        "this run no longer holds the lock on \(location): \(reason). It stopped before its next change, and nothing more of it is written; run `tunnelform plan` to see where things stand"
    }
}
