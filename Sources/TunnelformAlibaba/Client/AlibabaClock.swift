import Foundation

/// Time as the client needs it: the wall clock for signatures, a monotonic clock for the rate
/// limiter, and sleeping. Injected so that tests of retries and rate limits never sleep for real.
public protocol AlibabaClock: Sendable {
    /// The wall-clock time, written into `x-acs-date` / `Timestamp`.
    func now() -> Date
    /// Seconds on a clock that never goes back.
    func monotonicSeconds() -> Double
    /// Waits; throws `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
}

/// The real clock.
public struct SystemClock: AlibabaClock {
    private let origin = ContinuousClock.now

    public init() {}

    public func now() -> Date { Date() }

    public func monotonicSeconds() -> Double {
        let elapsed = ContinuousClock.now - origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up))))
    }
}

/// Randomness for nonces and backoff jitter; injected so tests are repeatable.
public protocol RandomSource: Sendable {
    func nextUInt64() -> UInt64
}

extension RandomSource {
    /// A value in [0, 1).
    public func unitInterval() -> Double { Double(nextUInt64() >> 11) / Double(1 << 53) }

    /// 32 lowercase hex characters, as the official SDK sends in `x-acs-signature-nonce`.
    public func nonce() -> String {
        RequestSigner.hex(withUnsafeBytes(of: nextUInt64().bigEndian, Array.init) + withUnsafeBytes(of: nextUInt64().bigEndian, Array.init))
    }
}

/// The system's cryptographically secure generator.
public struct SystemRandomSource: RandomSource {
    public init() {}

    public func nextUInt64() -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }
}
