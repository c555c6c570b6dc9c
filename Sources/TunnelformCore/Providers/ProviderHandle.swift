/// A provider together with what its owner must do with it: shut it down (close its connection
/// pool) on every path, and read what it counted.
public struct ProviderHandle: Sendable {
    public var provider: any CloudProvider
    public var shutdown: @Sendable () async -> Void
    /// Calls the provider retried itself (reads; the apply engine retries mutating calls).
    public var retryCount: @Sendable () async -> Int
    /// For messages: `simulated cloud (.tunnelform/cloud.json)`, `Alibaba Cloud`.
    public var name: String
    /// API calls by action, for providers that speak a wire protocol.
    public var wireCalls: @Sendable () async -> [String: Int]
    /// The cloud's `DownloadVpnConnectionConfig` answer (region, connection id), for providers that have one.
    public var downloadConfig: (@Sendable (_ region: String, _ connectionId: String) async throws -> JSONValue)?

    public init(provider: any CloudProvider, shutdown: @escaping @Sendable () async -> Void = {},
                retryCount: @escaping @Sendable () async -> Int = { 0 }, name: String,
                wireCalls: @escaping @Sendable () async -> [String: Int] = { [:] },
                downloadConfig: (@Sendable (_ region: String, _ connectionId: String) async throws -> JSONValue)? = nil) {
        self.provider = provider
        self.shutdown = shutdown
        self.retryCount = retryCount
        self.name = name
        self.wireCalls = wireCalls
        self.downloadConfig = downloadConfig
    }

    /// `body`'s result, with the provider shut down afterwards whether it threw or not.
    public func using<T>(_ body: (ProviderHandle) async throws -> T) async throws -> T {
        do {
            let result = try await body(self)
            await shutdown()
            return result
        } catch {
            await shutdown()
            throw error
        }
    }
}
