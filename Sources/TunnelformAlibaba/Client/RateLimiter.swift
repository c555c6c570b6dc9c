import TunnelformCore

/// A client-side token bucket per endpoint host, so a large plan never trips the cloud's throttling.
///
/// Each call takes a token; tokens refill at `requestsPerSecond` up to `burst`. A caller that finds
/// the bucket empty reserves the next token (the count goes negative) and sleeps until it is due,
/// so waiting callers are served in arrival order.
public actor RateLimiter {
    public let requestsPerSecond: Double
    public let burst: Double
    let clock: TunnelformClock
    private var buckets: [String: (tokens: Double, updated: Double)] = [:]

    public init(requestsPerSecond: Double = 20, burst: Double? = nil, clock: TunnelformClock = .system) {
        self.requestsPerSecond = max(requestsPerSecond, 0.001)
        self.burst = max(burst ?? requestsPerSecond, 1)
        self.clock = clock
    }

    /// Waits until a request to `host` may be sent.
    public func acquire(host: String) async throws {
        let wait = reserve(host: host)
        if wait > 0 { try await clock.sleep(seconds: wait) }
    }

    /// Takes a token and returns how long to wait for it.
    func reserve(host: String) -> Double {
        let now = clock.elapsed().timeInterval
        var bucket = buckets[host] ?? (burst, now)
        bucket.tokens = min(burst, bucket.tokens + max(0, now - bucket.updated) * requestsPerSecond)
        bucket.updated = now
        bucket.tokens -= 1
        buckets[host] = bucket
        return bucket.tokens >= 0 ? 0 : -bucket.tokens / requestsPerSecond
    }
}
