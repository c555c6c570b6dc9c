import Testing
import TunnelformCore

/// The mapping rules of the device configuration, one at a time.
@Suite struct DeviceConfigRenderingTests {
    static let gateway = CustomerGateway(name: "gw", region: "cn-hangzhou", ipAddress: IPv4Address(0xCB00_710A), asn: ASN(65010))

    static func input(_ tunnel1: Tunnel, _ tunnel2: Tunnel? = nil, routing: RoutingMode = .destination,
                      effectImmediately: Bool = true, bgp: Bool = false) -> DeviceConfigInput {
        let local = routing == .destination ? [] : [IPv4Network("10.10.0.0/16")!]
        let remote = routing == .destination ? [] : [IPv4Network("192.168.0.0/24")!]
        let connection = VpnConnection(
            name: "conn", region: "cn-hangzhou", bind: .currentAccount(cenId: "cen-1"), routingMode: routing,
            localNetworks: local, remoteNetworks: remote, effectImmediately: effectImmediately,
            bgp: ConnectionBGP(enabled: bgp), tunnels: [tunnel1, tunnel2 ?? tunnel1])
        return DeviceConfigInput(connection: connection, customerGateways: ["gw": gateway], tunnels: [
            TunnelEndpoint(index: 1, tunnelId: "tun-1", gatewayIp: IPv4Address(0xC612_0001), preSharedKey: "k1"),
            TunnelEndpoint(index: 2, tunnelId: "tun-2", gatewayIp: IPv4Address(0xC612_0002), preSharedKey: "k2"),
        ])
    }

    @Test(arguments: [(EncryptionAlgorithm.aes, "aes128"), (.aes192, "aes192"), (.aes256, "aes256"), (.des, "des"), (.tripleDES, "3des")])
    func encryptionNames(_ algorithm: EncryptionAlgorithm, _ name: String) {
        #expect(StrongSwanAlgorithms.encryption(algorithm) == name)
    }

    @Test(arguments: [(DHGroup.group1, "modp768"), (.group2, "modp1024"), (.group5, "modp1536"), (.group14, "modp2048")])
    func groupNames(_ group: DHGroup, _ name: String) {
        #expect(StrongSwanAlgorithms.dhGroup(group) == name)
    }

    @Test(arguments: AuthenticationAlgorithm.allCases)
    func integrityIsAlsoThePRF(_ algorithm: AuthenticationAlgorithm) {
        let ike = IKEConfig(authentication: algorithm)
        #expect(StrongSwanAlgorithms.ikeProposal(ike) == "aes128-\(algorithm.rawValue)-prf\(algorithm.rawValue)-modp1024")
    }

    @Test func pfsDisabledHasNoGroup() {
        #expect(StrongSwanAlgorithms.espProposal(IPsecConfig(dhGroup: .disabled)) == "aes128-sha1")
        #expect(StrongSwanAlgorithms.espProposal(IPsecConfig(encryption: .tripleDES, authentication: .md5, dhGroup: .group5)) == "3des-md5-modp1536")
    }

    @Test func identitiesAreSwappedToTheCustomersView() throws {
        let tunnel = Tunnel(customerGateway: "gw", ike: IKEConfig(version: .ikev1, mode: .aggressive, localId: "cloud.example.com", remoteId: "dc.example.com"))
        let customer = try StrongSwanConfig(Self.input(tunnel)).swanctlConf()
        #expect(customer.contains("local {\n      auth = psk\n      id = dc.example.com\n"))
        #expect(customer.contains("remote {\n      auth = psk\n      id = cloud.example.com\n"))
        #expect(customer.contains("aggressive = yes"))
        #expect(customer.contains("version = 1"))
        #expect(customer.contains("dpd_timeout = 30s"))
        let cloud = try CloudSideStrongSwanConfig(Self.input(tunnel)).swanctlConf()
        #expect(cloud.contains("local {\n      auth = psk\n      id = cloud.example.com\n"))
        #expect(cloud.contains("start_action = none"))
        #expect(!cloud.contains("if_id"))
    }

    /// A connection negotiated on traffic is not re-initiated by DPD; one effective immediately is.
    @Test func deadPeerActionFollowsEffectImmediately() throws {
        let onTraffic = try StrongSwanConfig(Self.input(Tunnel(customerGateway: "gw"), effectImmediately: false)).swanctlConf()
        #expect(onTraffic.contains("dpd_action = trap") && !onTraffic.contains("dpd_action = restart"))
        let immediate = try StrongSwanConfig(Self.input(Tunnel(customerGateway: "gw"))).swanctlConf()
        #expect(immediate.contains("dpd_action = restart"))
    }

    /// The FRR snippet carries the customer gateway's BGP auth key when it is known.
    @Test func frrSnippetCarriesTheBGPAuthKey() throws {
        var input = Self.input(Tunnel(customerGateway: "gw", bgp: TunnelBGP(tunnelCidr: IPv4Network("169.254.10.0/30")!,
                                                                             localIp: IPv4Address(0xA9FE_0A01))),
                               Tunnel(customerGateway: "gw", bgp: TunnelBGP(tunnelCidr: IPv4Network("169.254.11.0/30")!,
                                                                             localIp: IPv4Address(0xA9FE_0B01))), bgp: true)
        input.customerGateways["gw"]?.bgpAuthKey = .env("TF_BGP")
        #expect(try #require(try StrongSwanConfig(input).frrBGPConf()).contains(" ! neighbor 169.254.10.1 password <the BGP auth key"))
        input.bgpAuthKeys = ["gw": "Auth-Key_1"]
        let text = try #require(try StrongSwanConfig(input).frrBGPConf())
        #expect(text.contains(" neighbor 169.254.10.1 password Auth-Key_1\n"))
        #expect(text.contains(" neighbor 169.254.11.1 password Auth-Key_1\n"))
    }

    @Test func selectorsAreSwappedAndStartFollowsEffectImmediately() throws {
        let text = try StrongSwanConfig(Self.input(Tunnel(customerGateway: "gw"), routing: .protectedDataFlows, effectImmediately: false)).swanctlConf()
        #expect(text.contains("local_ts = 192.168.0.0/24\n"))
        #expect(text.contains("remote_ts = 10.10.0.0/16\n"))
        #expect(text.contains("start_action = trap"))
    }

    @Test func oneTunnelOnly() throws {
        let text = try StrongSwanConfig(Self.input(Tunnel(customerGateway: "gw"))).swanctlConf(tunnel: 2)
        #expect(!text.contains("tun-1"))
        #expect(text.contains("tun-2 {"))
    }

    @Test func lifetimesDpdAndNatTraversal() throws {
        let tunnel = Tunnel(customerGateway: "gw", ike: IKEConfig(lifetime: 0), ipsec: IPsecConfig(lifetime: 3600), dpd: false, natTraversal: false)
        let text = try StrongSwanConfig(Self.input(tunnel)).swanctlConf()
        #expect(text.contains("# IKE lifetime 0: never rekeyed\n    rekey_time = 0s\n"))
        #expect(text.contains("rekey_time = 3240s\n        life_time = 3600s\n"))
        #expect(text.contains("dpd_delay = 0s"))
        #expect(!text.contains("dpd_action"))
        #expect(text.contains("NAT traversal is off"))
    }

    @Test func keysAreQuotedWithEscapes() throws {
        var input = Self.input(Tunnel(customerGateway: "gw"))
        input.tunnels[0].preSharedKey = #"a\b"c"#
        #expect(try StrongSwanConfig(input).swanctlConf().contains(#"secret = "a\\b\"c""#))
    }

    @Test func customerBGPAddressIsTheOtherHost() throws {
        let bgp = TunnelBGP(tunnelCidr: IPv4Network("169.254.20.0/30")!, localIp: IPv4Address(0xA9FE_1402))
        var input = Self.input(Tunnel(customerGateway: "gw", bgp: bgp), bgp: true)
        input.connection.bgp.localAsn = ASN(64512)
        let frr = try #require(try StrongSwanConfig(input).frrBGPConf())
        #expect(frr.contains("router bgp 65010\n"))
        #expect(frr.contains(" neighbor 169.254.20.2 remote-as 64512\n"))
        #expect(frr.contains("169.254.20.1/30 on interface tfm1"))
        let json = try DownloadConfig(input)
        #expect(json.vpnConnectionConfig.bgpConfigs.bgpConfig.map(\.localBgpIp) == ["169.254.20.1", "169.254.20.1"])
    }

    @Test func downloadConfigIsFromTheCustomersPointOfView() throws {
        let config = try DownloadConfig(Self.input(Tunnel(customerGateway: "gw"), routing: .protectedDataFlows)).vpnConnectionConfig
        #expect(config.local == "203.0.113.10")
        #expect(config.remote == "198.18.0.1")
        #expect(config.localSubnet == "192.168.0.0/24")
        #expect(config.remoteSubnet == "10.10.0.0/16")
        #expect(config.tunnelsConfig.tunnelConfig.map(\.remote) == ["198.18.0.1", "198.18.0.2"])
        #expect(config.ikeConfig?.localId == "203.0.113.10")
        #expect(config.bgpConfigs.bgpConfig.isEmpty)
    }

    @Test func inputProblemsAreErrors() {
        var input = Self.input(Tunnel(customerGateway: "gw"))
        input.tunnels.removeLast()
        #expect(throws: DeviceConfigError.tunnelCount(declared: 2, endpoints: 1)) { try input.resolvedTunnels() }
        input = Self.input(Tunnel(customerGateway: "nope"))
        #expect(throws: DeviceConfigError.unknownCustomerGateway(tunnel: 1, name: "nope")) { try input.resolvedTunnels() }
        input = Self.input(Tunnel(customerGateway: "gw"))
        input.tunnels[1].tunnelId = "tun 2"
        #expect(throws: DeviceConfigError.unusableTunnelId(tunnel: 2, id: "tun 2")) { try input.resolvedTunnels() }
        input = Self.input(Tunnel(customerGateway: "gw"))
        input.tunnels[0].preSharedKey = "a\nb"
        #expect(throws: DeviceConfigError.unusablePreSharedKey(tunnel: 1)) { try input.resolvedTunnels() }
        input = Self.input(Tunnel(customerGateway: "gw"), bgp: true)
        #expect(throws: DeviceConfigError.missingTunnelBGP(tunnel: 1)) { try input.resolvedTunnels() }
        input = Self.input(Tunnel(customerGateway: "gw"))
        input.tunnels.swapAt(0, 1)
        #expect(throws: DeviceConfigError.tunnelOrder(position: 0, index: 2)) { try input.resolvedTunnels() }
    }

    @Test func errorMessagesNeverShowTheKey() {
        #expect(!DeviceConfigError.unusablePreSharedKey(tunnel: 1).description.contains("k1"))
    }
}
