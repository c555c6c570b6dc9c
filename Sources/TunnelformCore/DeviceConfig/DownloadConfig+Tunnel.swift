extension DownloadConfig {
    /// One tunnel: `Local` = customer gateway IP, `Remote` = the tunnel's gateway IP.
    public struct TunnelConfig: Codable, Sendable, Equatable {
        public var tunnelId: String
        public var local: String
        public var remote: String
        public var ikeConfig: IkeConfig
        public var ipsecConfig: IpsecConfig

        enum CodingKeys: String, CodingKey {
            case tunnelId = "TunnelId", local = "Local", remote = "Remote", ikeConfig = "IkeConfig", ipsecConfig = "IpsecConfig"
        }

        init(_ tunnel: DeviceTunnel) {
            tunnelId = tunnel.endpoint.tunnelId
            local = tunnel.customerGateway.ipAddress.description
            remote = tunnel.endpoint.gatewayIp.description
            ikeConfig = IkeConfig(tunnel)
            ipsecConfig = IpsecConfig(tunnel.tunnel.ipsec)
        }
    }

    /// Phase 1 with the cloud's field names; `LocalId` is the customer's identity.
    public struct IkeConfig: Codable, Sendable, Equatable {
        public var ikeEncAlg: String
        public var ikeAuthAlg: String
        public var ikePfs: String
        public var ikeLifetime: Int
        public var ikeMode: String
        public var ikeVersion: String
        public var localId: String
        public var remoteId: String
        public var psk: String

        enum CodingKeys: String, CodingKey {
            case ikeEncAlg = "IkeEncAlg", ikeAuthAlg = "IkeAuthAlg", ikePfs = "IkePfs", ikeLifetime = "IkeLifetime"
            case ikeMode = "IkeMode", ikeVersion = "IkeVersion", localId = "LocalId", remoteId = "RemoteId", psk = "Psk"
        }

        init(_ tunnel: DeviceTunnel) {
            let ike = tunnel.tunnel.ike
            ikeEncAlg = ike.encryption.rawValue
            ikeAuthAlg = ike.authentication.rawValue
            ikePfs = ike.dhGroup.rawValue
            ikeLifetime = ike.lifetime
            ikeMode = ike.mode.rawValue
            ikeVersion = ike.version.rawValue
            localId = tunnel.customerIdentity
            remoteId = tunnel.cloudIdentity
            psk = tunnel.endpoint.preSharedKey
        }
    }

    /// Phase 2 with the cloud's field names.
    public struct IpsecConfig: Codable, Sendable, Equatable {
        public var ipsecEncAlg: String
        public var ipsecAuthAlg: String
        public var ipsecPfs: String
        public var ipsecLifetime: Int

        enum CodingKeys: String, CodingKey {
            case ipsecEncAlg = "IpsecEncAlg", ipsecAuthAlg = "IpsecAuthAlg", ipsecPfs = "IpsecPfs", ipsecLifetime = "IpsecLifetime"
        }

        init(_ ipsec: IPsecConfig) {
            ipsecEncAlg = ipsec.encryption.rawValue
            ipsecAuthAlg = ipsec.authentication.rawValue
            ipsecPfs = ipsec.dhGroup.rawValue
            ipsecLifetime = ipsec.lifetime
        }
    }

    /// BGP of one tunnel from the customer's side: local = the customer gateway, peer = the cloud.
    public struct BgpConfig: Codable, Sendable, Equatable {
        public var tunnelId: String
        public var localAsn: UInt32
        public var localBgpIp: String
        public var peerAsn: UInt32
        public var peerBgpIp: String
        public var tunnelCidr: String

        enum CodingKeys: String, CodingKey {
            case tunnelId = "TunnelId", localAsn = "LocalAsn", localBgpIp = "LocalBgpIp"
            case peerAsn = "PeerAsn", peerBgpIp = "PeerBgpIp", tunnelCidr = "TunnelCidr"
        }

        init?(_ tunnel: DeviceTunnel, cloudAsn: ASN) {
            guard let bgp = tunnel.tunnel.bgp, let asn = tunnel.customerGateway.asn,
                  let own = tunnel.customerBgpIp else { return nil }
            tunnelId = tunnel.endpoint.tunnelId
            localAsn = asn.value
            localBgpIp = own.description
            peerAsn = cloudAsn.value
            peerBgpIp = bgp.localIp.description
            tunnelCidr = bgp.tunnelCidr.normalized.description
        }
    }
}
