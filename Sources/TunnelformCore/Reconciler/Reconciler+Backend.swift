import Foundation

/// The commands that move whole states in and out of the backend: `state pull`, `state push`,
/// `state history` and `init`.
extension Reconciler {
    /// What `push` and `migrate` did.
    public struct Pushed: Sendable, Equatable {
        /// The serial the backend had before; nil when it had no state.
        public var previousSerial: Int?
        public var serial: Int
        public var location: String
    }

    /// The current state's exact bytes; nil when none was written. Takes no lock.
    public func pullState() async throws -> Data? {
        do { return try await backend.pull() } catch { throw ReconcileError.state(error) }
    }

    /// The revisions the backend keeps, newest first. Takes no lock.
    public func stateHistory(limit: Int) async throws -> [StateRevision] {
        do { return try await backend.history(limit: limit) } catch { throw ReconcileError.state(error) }
    }

    /// `state push`: writes `pushed` as it is, under the lock. Unless `force`, it must be a newer
    /// serial of the same lineage as the backend's state (any state goes into an empty backend).
    public func pushState(_ pushed: EncodedState, source: String, force: Bool, lockTimeout: Duration = .zero,
                          as command: String = "tunnelform state push") async throws -> Pushed {
        try await withLock(command, timeout: lockTimeout) { lease in
            let current = try await currentState()
            let empty = current.serial == 0 && current.lineage.isEmpty
            if !force, !empty {
                if current.lineage != pushed.state.lineage {
                    throw ReconcileError.push(.otherLineage(source: source, pushed: pushed.state.lineage, current: current.lineage,
                                                            location: backend.location))
                }
                if pushed.state.serial <= current.serial {
                    throw ReconcileError.push(.notNewer(source: source, pushed: pushed.state.serial, current: current.serial,
                                                        location: backend.location))
                }
            }
            do { try await lease.write(pushed) } catch { throw ReconcileError.stateWrite(error) }
            return Pushed(previousSerial: empty ? nil : current.serial, serial: pushed.state.serial, location: backend.location)
        }
    }

    /// `init`: makes the backend ready, and with `migrating` copies that local state file into it
    /// byte for byte. A backend that already holds the same state (or a newer serial of it) is left
    /// alone; one that holds another state is refused. Returns what was done, a line each.
    public func initialize(migrating local: StateStore?, lockTimeout: Duration = .zero) async throws -> [String] {
        var notes: [String]
        do { notes = try await backend.prepare() } catch { throw ReconcileError.state(error) }
        guard let local else { return notes }
        if let file = backend as? LocalStateBackend, file.store.path == local.path {
            return notes + ["The state is already in \(local.path); there is nothing to migrate."]
        }
        let bytes: Data
        do {
            guard let found = try local.bytes() else {
                return notes + ["There is no \(local.path) to migrate; the first apply writes the state to \(backend.location)."]
            }
            bytes = found
        } catch {
            throw ReconcileError.state(error)
        }
        let encoded: EncodedState
        do { encoded = try EncodedState(bytes: bytes, source: local.path) } catch { throw ReconcileError.state(error) }
        do {
            let pushed = try await pushState(encoded, source: local.path, force: false, lockTimeout: lockTimeout,
                                             as: "tunnelform init --migrate-state")
            return notes + ["Copied \(local.path) (serial \(pushed.serial)) to \(pushed.location). Commit its removal once every user has this tunnelform.yaml."]
        } catch ReconcileError.push(.notNewer(_, _, let current, let location)) {
            // Same lineage, already there (or further on): migrated before.
            return notes + ["\(location) already holds serial \(current) of this state; \(local.path) was not copied."]
        }
    }

    private func currentState() async throws -> State {
        do { return try await backend.read() } catch { throw ReconcileError.state(error) }
    }
}
