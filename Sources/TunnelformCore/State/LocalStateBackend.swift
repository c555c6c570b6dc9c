import Foundation

/// The default backend: the state file (`tunnelform.state.json`), written atomically, and a lock
/// file beside it.
public struct LocalStateBackend: StateBackend {
    public let store: StateStore
    public var location: String { store.path }

    public init(path: String) { store = StateStore(path: path) }

    public func read() async throws -> State { try store.read() }

    public func pull() async throws -> Data? { try store.bytes() }

    public func history(limit: Int) async throws -> [StateRevision] {
        throw StateBackendError.noHistory(location: location)
    }

    public func prepare() async throws -> [String] {
        ["The local state file \(location) needs no setup."]
    }

    /// The lock file is taken at once or not at all, but a holder that is still running is waited
    /// for, polling, up to `timeout`.
    public func lock(command: String, timeout: Duration, tookOver: @escaping @Sendable (StateLock.Holder) -> Void) async throws
        -> any StateLease
    {
        let lock = StateLock(statePath: store.path)
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            do {
                return Lease(store: store, lock: lock, holder: try lock.acquire(holder: command, tookOver: tookOver))
            } catch StateLock.Failure.held(let holder, let path) {
                guard ContinuousClock.now < deadline else { throw StateLock.Failure.held(holder, path: path) }
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    public func forceUnlock() async throws -> StateLock.Holder? {
        StateLock(statePath: store.path).forceUnlock()
    }

    struct Lease: StateLease {
        let store: StateStore
        let lock: StateLock
        let holder: StateLock.Holder

        func write(_ state: EncodedState) async throws { try store.write(state) }
        func release() async { releaseBeforeExit() }

        /// Removes the lock file only while it is still this holder's.
        func releaseBeforeExit() {
            guard let current = lock.current(), current.pid == holder.pid, current.host == holder.host else { return }
            lock.release()
        }
    }
}
