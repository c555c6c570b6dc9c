import Foundation
import TunnelformAlibaba
import TunnelformCore
import TunnelformSimulator

/// Builds the provider that `tunnelform.yaml` selects: the simulated cloud by default.
struct ProviderHandle {
    var provider: any CloudProvider
    var shutdown: @Sendable () async -> Void = {}
    var retryCount: @Sendable () async -> Int = { 0 }
    var name: String
}

enum ProviderFactory {
    /// Delays of the simulated cloud's asynchronous states, e.g. `3` or `connectionAttach=5,all=1`.
    static let simulatorDelaysVariable = "TUNNELFORM_SIMULATOR_DELAYS"

    static func make(_ config: ProjectConfig, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProviderHandle {
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
            let provider = try AlibabaProvider(configuration: configuration, environment: environment, homeDirectory: NSHomeDirectory())
            return ProviderHandle(provider: provider, shutdown: { await provider.shutdown() },
                                  retryCount: { await provider.retryCount() }, name: "Alibaba Cloud")
        }
    }
}
