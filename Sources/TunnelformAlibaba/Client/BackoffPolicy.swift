/// How often and how long to wait before retrying a retryable failure.
///
/// Jittered exponential backoff ("equal jitter": half fixed, half random) capped at `maxDelay`;
/// a server-given `x-acs-retry-after` replaces it, capped at `maxRetryAfter`.
public struct BackoffPolicy: Sendable, Equatable {
    /// Attempts in all, the first included; 1 disables retries. The default, 10, outlasts bursts of
    /// throttling and 5xx answers (up to about two minutes of backoff) before a call gives up.
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double
    public var maxRetryAfter: Double

    public init(maxAttempts: Int = 10, baseDelay: Double = 1, maxDelay: Double = 20, maxRetryAfter: Double = 300) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(0, maxDelay)
        self.maxRetryAfter = max(0, maxRetryAfter)
    }

    /// The wait after failed attempt `attempt` (1-based); `random` is in [0, 1).
    public func delay(afterAttempt attempt: Int, retryAfter: Double?, random: Double) -> Double {
        if let retryAfter, retryAfter > 0 { return min(retryAfter, maxRetryAfter) }
        let exponent = Double(min(max(attempt - 1, 0), 30))
        let ceiling = min(maxDelay, baseDelay * pow2(exponent))
        return ceiling / 2 + ceiling / 2 * min(max(random, 0), 1)
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 2 }
        return value
    }
}
