/// The connection's configuration in the shape of the cloud's `DownloadVpnConnectionConfig`
/// response (alibaba-api.md §3.9), written from the customer's point of view: `Local` is the
/// customer gateway, `Remote` the cloud gateway, and the subnets and identities are swapped.
///
/// The top-level `Local`, `Remote`, `IkeConfig` and `IpsecConfig` repeat tunnel 1, as the cloud
/// does for dual-tunnel connections. `BgpConfigs.BgpConfig` is empty when BGP is off. The pre-shared
/// keys are included (`Psk`): this is the file a device is configured from.
public struct DownloadConfig: Codable, Sendable, Equatable {
    public var vpnConnectionConfig: VpnConnectionConfig

    enum CodingKeys: String, CodingKey { case vpnConnectionConfig = "VpnConnectionConfig" }

    public init(_ input: DeviceConfigInput) throws(DeviceConfigError) {
        let tunnels = try input.resolvedTunnels()
        let configs = tunnels.map { TunnelConfig($0) }
        let bgp: [BgpConfig] = input.connection.bgp.enabled
            ? tunnels.compactMap { BgpConfig($0, cloudAsn: input.connection.bgp.localAsn) } : []
        vpnConnectionConfig = VpnConnectionConfig(
            local: configs.first?.local ?? "", remote: configs.first?.remote ?? "",
            localSubnet: input.customerLocalSubnets.map(\.description).joined(separator: ","),
            remoteSubnet: input.customerRemoteSubnets.map(\.description).joined(separator: ","),
            ikeConfig: configs.first?.ikeConfig, ipsecConfig: configs.first?.ipsecConfig,
            tunnelsConfig: TunnelsConfig(tunnelConfig: configs), bgpConfigs: BgpConfigs(bgpConfig: bgp))
    }

    /// Canonical JSON: sorted keys, two-space indent, final newline.
    public func json() throws -> String { try CanonicalJSON.string(self) }

    public struct VpnConnectionConfig: Codable, Sendable, Equatable {
        public var local: String
        public var remote: String
        public var localSubnet: String
        public var remoteSubnet: String
        public var ikeConfig: IkeConfig?
        public var ipsecConfig: IpsecConfig?
        public var tunnelsConfig: TunnelsConfig
        public var bgpConfigs: BgpConfigs

        enum CodingKeys: String, CodingKey {
            case local = "Local", remote = "Remote", localSubnet = "LocalSubnet", remoteSubnet = "RemoteSubnet"
            case ikeConfig = "IkeConfig", ipsecConfig = "IpsecConfig", tunnelsConfig = "TunnelsConfig", bgpConfigs = "BgpConfigs"
        }
    }

    public struct TunnelsConfig: Codable, Sendable, Equatable {
        public var tunnelConfig: [TunnelConfig]
        enum CodingKeys: String, CodingKey { case tunnelConfig = "TunnelConfig" }
    }

    public struct BgpConfigs: Codable, Sendable, Equatable {
        public var bgpConfig: [BgpConfig]
        enum CodingKeys: String, CodingKey { case bgpConfig = "BgpConfig" }
    }
}
