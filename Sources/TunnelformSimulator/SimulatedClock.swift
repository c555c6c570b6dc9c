import Foundation

/// Where the simulated cloud reads the time from, so asynchronous state changes can be driven by tests.
public protocol SimulatedClock: Sendable {
    func now() -> Date
}

/// The wall clock, for the CLI and the emulator.
public struct SimulatedSystemClock: SimulatedClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that moves only when told to, for tests.
public final class SimulatedManualClock: SimulatedClock, @unchecked Sendable {
    // Invariant: `current` is only touched with `lock` held.
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        current = start
    }

    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        lock.lock()
        defer { lock.unlock() }
        current = current.addingTimeInterval(seconds)
    }
}
