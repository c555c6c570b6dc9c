import Foundation

/// A clock that moves only when told to: by `advance(by:)`, or by a sleep on it, which returns at
/// once having moved the clock by the time asked for. Every sleep is recorded, so tests of waits and
/// retries can check them without waiting.
///
/// Also the simulated cloud's clock under `tunnelform-emulator --manual-clock`.
public final class ManualClock: Clock, @unchecked Sendable {
    /// A point on the clock: the time since it started.
    public struct Instant: InstantProtocol {
        public var offset: Duration

        public init(offset: Duration) { self.offset = offset }
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    // Invariant: `current` and `recorded` are only touched with `lock` held.
    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var recorded: [Duration] = []
    /// The wall-clock time at `Instant(offset: .zero)`.
    public let start: Date

    public init(start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        self.start = start
    }

    public var now: Instant { lock.withLock { current } }
    public var minimumResolution: Duration { .zero }

    /// The wall-clock time: `start` moved by everything that passed on the clock.
    public var date: Date { start.addingTimeInterval(now.offset.timeInterval) }

    /// Every sleep so far, as asked for, in the order they were made.
    public var sleeps: [Duration] { lock.withLock { recorded } }

    /// Moves the clock forward.
    public func advance(by duration: Duration) {
        lock.withLock { current = current.advanced(by: max(.zero, duration)) }
    }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: Double) {
        advance(by: .seconds(max(0, seconds)))
    }

    /// Returns at once, the clock moved to `deadline` (if it is not there already).
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        lock.withLock {
            recorded.append(max(.zero, current.duration(to: deadline)))
            current = max(current, deadline)
        }
    }

    /// Returns at once, the clock moved by `duration`, which is recorded as asked for even when
    /// other tasks sleep on the clock at the same time.
    public func sleep(for duration: Duration, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        lock.withLock {
            recorded.append(duration)
            current = current.advanced(by: max(.zero, duration))
        }
    }
}
