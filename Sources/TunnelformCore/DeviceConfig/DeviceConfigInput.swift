/// Everything the on-premises side of a connection needs: the connection as declared, its
/// customer gateways, and what only the cloud knows (tunnel ids, gateway IPs, keys).
///
/// The CLI builds it from the state file and the provider; tests build it from the example
/// manifests with fake gateway IPs and keys. Renderers check it with `resolvedTunnels()`.
public struct DeviceConfigInput: Sendable {
    public var connection: VpnConnection
    /// Customer gateways by name; every tunnel's `customerGateway` must be here.
    public var customerGateways: [String: CustomerGateway]
    /// Tunnel 1 then tunnel 2, matching `connection.tunnels` in order.
    public var tunnels: [TunnelEndpoint]
    /// The customer gateways' BGP auth keys by gateway name, resolved from their references; a
    /// gateway with `bgpAuthKey` but no entry here gets a placeholder in the FRR snippet.
    public var bgpAuthKeys: [String: String]

    public init(connection: VpnConnection, customerGateways: [String: CustomerGateway], tunnels: [TunnelEndpoint],
                bgpAuthKeys: [String: String] = [:]) {
        self.connection = connection
        self.customerGateways = customerGateways
        self.tunnels = tunnels
        self.bgpAuthKeys = bgpAuthKeys
    }
}

/// The cloud's half of one tunnel: its id, its gateway IP and its pre-shared key
/// (the declared one, or the one the cloud generated).
public struct TunnelEndpoint: Sendable, Hashable {
    /// 1 for tunnel 1, 2 for tunnel 2.
    public var index: Int
    public var tunnelId: String
    public var gatewayIp: IPv4Address
    public var preSharedKey: String

    public init(index: Int, tunnelId: String, gatewayIp: IPv4Address, preSharedKey: String) {
        self.index = index
        self.tunnelId = tunnelId
        self.gatewayIp = gatewayIp
        self.preSharedKey = preSharedKey
    }
}
