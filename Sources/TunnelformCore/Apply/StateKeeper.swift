import Foundation

/// Owns the state during an apply and decides when it reaches the disk.
///
/// Two kinds of change:
/// - `.durable` (journal entries: the intent recorded before a mutating call) returns only once a
///   write containing it is on disk, so an interrupted apply always finds the intent and resumes
///   with the same idempotency token instead of creating twice. Concurrent durable changes share
///   one write (group commit): while a write is under way, the next ones gather and go together.
/// - `.coalesced` (completions) is written with the next durable change or at most
///   `coalescingInterval` later. Losing one to a crash is safe: its journal entry is still on disk
///   and the resumed call returns the same object.
///
/// Every write holds the whole in-memory state, so a write never records a change without the
/// changes made before it. The serial is bumped once per write, so the serials a backend keeps have
/// no gaps: the state in memory carries the serial its next write will have. `replace` leaves an
/// equal state alone.
public actor StateKeeper {
    public enum Durability: Sendable { case durable, coalesced }

    public private(set) var state: State
    /// Where writes go: the lease of the lock this command holds; nil keeps the state in memory.
    private let lease: (any StateLease)?
    private let coalescingInterval: Duration
    /// The serial of the state last written.
    private var writtenSerial: Int
    /// How many changes were made, and how many of them were written: what a caller waits for.
    private var version = 0
    private var writtenVersion = 0
    /// The write under way, the changes it holds and its serial.
    private var writing: (version: Int, serial: Int, task: Task<Void, any Error>)?
    private var scheduledFlush: Task<Void, Never>?
    /// A failure of a background write, reported by the next `flush`.
    private var deferredFailure: (any Error)?
    /// How many times the state file was written, for tests and benchmarks.
    public private(set) var writeCount = 0

    public init(state: State, lease: (any StateLease)?, coalescingInterval: Duration = .milliseconds(150)) {
        self.state = state
        self.lease = lease
        self.coalescingInterval = coalescingInterval
        self.writtenSerial = state.serial
    }

    /// Applies `change` in place, bumps the serial, and saves as `durability` says.
    ///
    /// In place, without keeping the previous value: copying a state of N resources for each of an
    /// apply's operations made the apply quadratic. So `change` must not throw after it has
    /// changed something (`StateRecorder` checks everything first). When a durable write fails,
    /// the change stays in memory and goes out with the next write; a journal entry whose call was
    /// never made is harmless, since the next apply resumes it with the same token.
    public func update(_ durability: Durability = .durable, _ change: (inout State) throws -> Void) async throws {
        try change(&state)
        version += 1
        // One past the serial written or being written: changes made while a write is under way go
        // with the next one, under the next serial.
        state.serial = (writing?.serial ?? writtenSerial) + 1
        if state.lineage.isEmpty { state.lineage = UUID().uuidString.lowercased() }
        guard lease != nil else {
            // Kept in memory only: every change counts as written.
            writtenSerial = state.serial
            writtenVersion = version
            return
        }
        switch durability {
        case .durable: try await commit(upTo: version)
        case .coalesced: scheduleFlush()
        }
    }

    /// Replaces the whole state with `newState` (its serial is the next one) unless they are equal.
    public func replace(with newState: State, _ durability: Durability = .durable) async throws {
        var comparable = newState
        comparable.serial = state.serial
        guard comparable != state else { return }
        try await update(durability) { $0 = newState }
    }

    /// Writes whatever is not on disk yet; throws a failure of an earlier background write.
    public func flush() async throws {
        scheduledFlush?.cancel()
        scheduledFlush = nil
        if let failure = deferredFailure {
            deferredFailure = nil
            if writtenVersion < version { try await commit(upTo: version) }
            else { throw failure }
        }
        try await commit(upTo: version)
    }

    /// Returns once a write holding change `target` (or later) is on disk. One write at a time;
    /// callers that arrive while it runs are served together by the next one. Whoever resumes
    /// first after a write does its bookkeeping, so no caller waits for another to be scheduled.
    private func commit(upTo target: Int) async throws {
        guard let lease else { return }
        while writtenVersion < target {
            guard let current = writing else {
                // A failed write leaves its serial unwritten: the next one takes it.
                state.serial = writtenSerial + 1
                let snapshot = state
                writing = (version, snapshot.serial, Task.detached { try await lease.write(snapshot) })
                continue
            }
            let result = await current.task.result
            if writing?.version == current.version {
                writing = nil
                if case .success = result {
                    writeCount += 1
                    writtenVersion = max(writtenVersion, current.version)
                    writtenSerial = max(writtenSerial, current.serial)
                }
            }
            if case .failure(let failure) = result, target <= current.version { throw failure }
        }
    }

    private func scheduleFlush() {
        guard scheduledFlush == nil else { return }
        let interval = coalescingInterval
        scheduledFlush = Task {
            try? await Task.sleep(for: interval)
            await self.backgroundFlush()
        }
    }

    private func backgroundFlush() async {
        scheduledFlush = nil
        do {
            try await commit(upTo: version)
        } catch {
            deferredFailure = error
        }
    }
}
