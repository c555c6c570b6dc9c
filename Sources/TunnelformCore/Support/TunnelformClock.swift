import Foundation

/// Time as Tunnelform uses it: a `Clock<Duration>` to sleep on and to measure intervals with,
/// and the wall clock for timestamps (signatures, journal entries, the simulated cloud).
///
/// Injected everywhere time matters, so tests of waits, retries and rate limits run on a
/// `ManualClock` and never sleep for real.
public struct TunnelformClock: Sendable {
    /// The clock sleeps and intervals are measured on.
    public let clock: any Clock<Duration>
    /// The wall-clock time.
    public let now: @Sendable () -> Date
    /// Time since this value was made, on `clock` (never goes back).
    private let sinceOrigin: @Sendable () -> Duration
    private let sleeper: @Sendable (Duration) async throws -> Void

    /// `ContinuousClock` and `Date()` unless told otherwise.
    public init(clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.init(opening: clock, now: now, sleeper: nil)
    }

    /// Time that moves only when the test (or the emulator's `/_emulator/clock`) moves it.
    public init(_ manual: ManualClock) {
        // ManualClock's own sleep records the requested duration atomically, which the
        // protocol's `sleep(for:)` (deadline first, then sleep until it) could not.
        self.init(opening: manual, now: { manual.date }, sleeper: { try await manual.sleep(for: $0) })
    }

    private init<C: Clock<Duration>>(opening clock: C, now: @escaping @Sendable () -> Date,
                                     sleeper: (@Sendable (Duration) async throws -> Void)?) {
        self.clock = clock
        self.now = now
        let origin = clock.now
        sinceOrigin = { origin.duration(to: clock.now) }
        self.sleeper = sleeper ?? { try await clock.sleep(for: $0) }
    }

    /// The real clocks.
    public static let system = TunnelformClock()

    /// Time elapsed since this value was made, on the monotonic clock.
    public func elapsed() -> Duration { sinceOrigin() }

    /// Waits; throws `CancellationError` when the task is cancelled. No wait at all for zero or less.
    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        guard duration > .zero else { return }
        try await sleeper(duration)
    }

    /// Waits `seconds`; throws `CancellationError` when the task is cancelled.
    public func sleep(seconds: Double) async throws {
        try await sleep(for: seconds > 0 ? .seconds(seconds) : .zero)
    }
}

extension Duration {
    /// The duration in seconds, as `TimeInterval` arithmetic wants it.
    public var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
