import Foundation
import TunnelformAlibaba
import TunnelformCore
import TunnelformSimulator

extension ProviderHandle {
    /// The same provider behind a `CountingProvider`; shutting it down first prints the counts
    /// (and the API calls by action) to stderr.
    func counted() -> ProviderHandle {
        let counting = CountingProvider(provider)
        var handle = self
        handle.provider = counting
        handle.shutdown = { [shutdown, wireCalls] in
            var line = "provider calls: " + (await counting.counts.summary())
            let wire = await wireCalls()
            if !wire.isEmpty {
                line += "; API calls " + wire.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            }
            FileHandle.standardError.write(Data((line + "\n").utf8))
            await shutdown()
        }
        return handle
    }
}

enum ProviderFactory {
    /// Delays of the simulated cloud's asynchronous states, e.g. `3` or `connectionAttach=5,all=1`.
    static let simulatorDelaysVariable = "TUNNELFORM_SIMULATOR_DELAYS"
    /// When set (to anything but `0`), every command prints the provider calls it made to stderr.
    static let statsVariable = "TUNNELFORM_PROVIDER_STATS"

    /// `onRetry` hears the provider's own retries of reads.
    static func make(_ config: ProjectConfig, environment: [String: String] = ProcessInfo.processInfo.environment,
                     onRetry: @escaping @Sendable (CloudRetry) -> Void = { _ in }) throws -> ProviderHandle {
        let handle = try makeUncounted(config, environment: environment, onRetry: onRetry)
        guard let stats = environment[statsVariable], !stats.isEmpty, stats != "0" else { return handle }
        return handle.counted()
    }

    private static func makeUncounted(_ config: ProjectConfig, environment: [String: String],
                                      onRetry: @escaping @Sendable (CloudRetry) -> Void) throws -> ProviderHandle {
        switch config.provider {
        case .simulated:
            let delays = environment[simulatorDelaysVariable].flatMap(SimulatedCloud.Delays.init(parsing:)) ?? .instant
            let provider = try SimulatedProvider(file: SimulatedCloud.defaultFile, delays: delays)
            return ProviderHandle(provider: provider, name: "simulated cloud (\(SimulatedCloud.defaultFile))")
        case .alicloud:
            let ali = config.alicloud
            let configuration = AlibabaConfiguration(
                profile: ali.profile, accountId: ali.accountId,
                endpoints: EndpointOverrides(vpc: ali.vpcEndpoint, cbn: ali.cbnEndpoint),
                signatureScheme: ali.signature == "rpc" ? .rpcHMACSHA1 : .v3,
                requestsPerSecond: ali.requestsPerSecond ?? 20)
            let provider = try AlibabaProvider(configuration: configuration, environment: environment, homeDirectory: NSHomeDirectory(),
                                           onRetry: onRetry)
            return ProviderHandle(provider: provider, shutdown: { await provider.shutdown() },
                                  retryCount: { await provider.retryCount() }, name: "Alibaba Cloud",
                                  wireCalls: { await provider.callsByAction() },
                                  downloadConfig: { region, id in try await provider.downloadConfig(region: region, connectionId: id) })
        }
    }
}
