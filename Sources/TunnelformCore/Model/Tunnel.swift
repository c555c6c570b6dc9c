/// One of the two tunnels of a connection, with every default applied.
public struct Tunnel: Hashable, Sendable, Codable {
    /// The name of a `CustomerGateway` declared in the manifests.
    public var customerGateway: String
    /// Nil: the cloud generates a random 16-character key.
    public var preSharedKey: SecretReference?
    public var ike: IKEConfig
    public var ipsec: IPsecConfig
    public var dpd: Bool
    public var natTraversal: Bool
    /// Required when the connection's BGP is enabled.
    public var bgp: TunnelBGP?

    public init(
        customerGateway: String, preSharedKey: SecretReference? = nil, ike: IKEConfig = IKEConfig(),
        ipsec: IPsecConfig = IPsecConfig(), dpd: Bool = true, natTraversal: Bool = true, bgp: TunnelBGP? = nil
    ) {
        self.customerGateway = customerGateway
        self.preSharedKey = preSharedKey
        self.ike = ike
        self.ipsec = ipsec
        self.dpd = dpd
        self.natTraversal = natTraversal
        self.bgp = bgp
    }
}

/// Phase 1 settings.
public struct IKEConfig: Hashable, Sendable, Codable {
    public var version: IKEVersion
    public var mode: IKEMode
    public var encryption: EncryptionAlgorithm
    public var authentication: AuthenticationAlgorithm
    public var dhGroup: DHGroup
    /// SA lifetime in seconds, 0–86400.
    public var lifetime: Int
    /// Nil: the tunnel's gateway IP.
    public var localId: String?
    /// Nil: the customer gateway's IP.
    public var remoteId: String?

    public init(
        version: IKEVersion = .ikev2, mode: IKEMode = .main, encryption: EncryptionAlgorithm = .aes,
        authentication: AuthenticationAlgorithm = .sha1, dhGroup: DHGroup = .group2, lifetime: Int = 86400,
        localId: String? = nil, remoteId: String? = nil
    ) {
        self.version = version
        self.mode = mode
        self.encryption = encryption
        self.authentication = authentication
        self.dhGroup = dhGroup
        self.lifetime = lifetime
        self.localId = localId
        self.remoteId = remoteId
    }
}

/// Phase 2 settings.
public struct IPsecConfig: Hashable, Sendable, Codable {
    public var encryption: EncryptionAlgorithm
    public var authentication: AuthenticationAlgorithm
    public var dhGroup: PFSGroup
    /// SA lifetime in seconds, 0–86400.
    public var lifetime: Int

    public init(
        encryption: EncryptionAlgorithm = .aes, authentication: AuthenticationAlgorithm = .sha1,
        dhGroup: PFSGroup = .group2, lifetime: Int = 86400
    ) {
        self.encryption = encryption
        self.authentication = authentication
        self.dhGroup = dhGroup
        self.lifetime = lifetime
    }
}

/// A tunnel's BGP peering addresses on the cloud side.
public struct TunnelBGP: Hashable, Sendable, Codable {
    /// A /30 inside 169.254.0.0/16.
    public var tunnelCidr: IPv4Network
    /// A usable host address inside `tunnelCidr`.
    public var localIp: IPv4Address

    public init(tunnelCidr: IPv4Network, localIp: IPv4Address) {
        self.tunnelCidr = tunnelCidr
        self.localIp = localIp
    }
}
