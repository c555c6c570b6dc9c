import TunnelformCore

/// Requests the conformance suite sends, identical for every provider.
enum ConformanceFixtures {
    static let region = "cn-hangzhou"
    static let cenId = "cen-conformance0001"
    static let partnerCen = "cen-partner0000000001"
    static let partnerUid = "1234567890123456"

    static func gateway(_ name: String, ip: String, asn: UInt32? = 65010, authKey: String? = nil,
                        tags: [String: String] = [:]) -> CustomerGatewaySpec {
        CustomerGatewaySpec(name: name, ipAddress: IPv4Address(ip) ?? IPv4Address(0), asn: asn.map(ASN.init), authKey: authKey,
                            description: "gateway \(name)", tags: tags)
    }

    /// A BGP connection over `gateways` (one per tunnel); tunnel 1 has a key, tunnel 2 lets the cloud make one.
    static func connection(_ name: String, gateways: [String], tunnelIds: [String?] = [nil, nil], bgp: Bool = true,
                           encryption: EncryptionAlgorithm = .aes256, tunnels count: Int = 2) -> ConnectionSpec {
        let tunnels = (0..<count).map { offset in
            TunnelSpec(
                id: tunnelIds.indices.contains(offset) ? tunnelIds[offset] : nil, index: offset + 1,
                customerGatewayId: gateways[offset % gateways.count], preSharedKey: offset == 0 ? "psk-tunnel-one-1" : nil,
                ike: IKEConfig(version: .ikev2, encryption: encryption, authentication: .sha256, dhGroup: .group14),
                ipsec: IPsecConfig(encryption: encryption, authentication: .sha256, dhGroup: .group14),
                dpd: true, natTraversal: offset == 0,
                bgp: bgp ? TunnelBGP(tunnelCidr: IPv4Network("169.254.\(20 + offset).0/30") ?? .any,
                                     localIp: IPv4Address("169.254.\(20 + offset).1") ?? IPv4Address(0)) : nil,
                localAsn: .cloudDefault)
        }
        return ConnectionSpec(name: name, gatewayType: .public, localSubnets: [.any], remoteSubnets: [.any], effectImmediately: true,
                              enableTunnelsBgp: bgp, tunnelBandwidth: .standard, resourceGroupId: nil, tags: ["site": "conformance"],
                              tunnels: tunnels)
    }
}
