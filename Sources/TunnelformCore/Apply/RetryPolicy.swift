import Foundation

/// How failed calls are retried: jittered exponential backoff, honouring the server's hint.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double

    public init(maxAttempts: Int = 8, baseDelay: Double = 0.5, maxDelay: Double = 20) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1): "full jitter" over an
    /// exponentially growing window, but never less than the server asked for.
    public func delay(afterAttempt attempt: Int, serverHint: Double?, random: Double) -> Double {
        let window = min(maxDelay, baseDelay * pow(2, Double(attempt - 1)))
        return max(serverHint ?? 0, window * (0.5 + random / 2))
    }
}
