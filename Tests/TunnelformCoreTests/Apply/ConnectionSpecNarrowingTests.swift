import Testing
import TunnelformCore

/// A modify sends a tunnel's IKE block only when its IKE settings or key change, and then always with
/// the key in effect, so the cloud never generates a key the user did not ask to change.
@Suite("ConnectionSpec.narrowed(against:)")
struct ConnectionSpecNarrowingTests {
    static func tunnel(_ index: Int, key: String?, ike: IKEConfig = IKEConfig()) -> TunnelSpec {
        TunnelSpec(id: "tun-\(index)", index: index, customerGatewayId: "cgw-1", preSharedKey: key, ike: ike, ipsec: IPsecConfig(),
                   dpd: true, natTraversal: true, bgp: nil, localAsn: .cloudDefault)
    }

    static func spec(_ tunnels: [TunnelSpec]) -> ConnectionSpec {
        ConnectionSpec(name: "dc", gatewayType: .public, localSubnets: [.any], remoteSubnets: [.any], effectImmediately: true,
                       enableTunnelsBgp: false, tunnelBandwidth: .standard, resourceGroupId: nil, tags: [:], tunnels: tunnels)
    }

    static func current(keys: [String], ike: [IKEConfig] = [IKEConfig(localId: "198.18.0.1", remoteId: "203.0.113.10"), IKEConfig()]) -> CloudConnection {
        let tunnels = keys.indices.map { index in
            CloudTunnel(id: "tun-\(index + 1)", index: index + 1, customerGatewayId: "cgw-1", state: .active, status: .ipsecSAEstablished,
                        gatewayIp: nil, preSharedKey: keys[index], ike: ike[index], ipsec: IPsecConfig(), dpd: true, natTraversal: true,
                        bgp: nil, bgpStatus: nil)
        }
        return CloudConnection(id: "vco-1", name: "dc", state: .attached, gatewayType: .public, localSubnets: [.any], remoteSubnets: [.any],
                               effectImmediately: true, enableTunnelsBgp: false, tunnelBandwidth: .standard, resourceGroupId: nil, tags: [:],
                               transitRouterId: nil, cenId: nil, crossAccountAuthorized: false, tunnels: tunnels, createTime: 1)
    }

    @Test func unchangedIKESettingsAreNotSent() throws {
        let narrowed = try Self.spec([Self.tunnel(1, key: nil), Self.tunnel(2, key: nil)]).narrowed(against: Self.current(keys: ["CloudKey00000001", "CloudKey00000002"]))
        #expect(narrowed.tunnels.map(\.ike) == [nil, nil], "identities left to the cloud match what it reports")
        #expect(narrowed.tunnels.map(\.preSharedKey) == [nil, nil])
    }

    @Test func changedIKESettingsCarryTheCloudsKey() throws {
        let spec = Self.spec([Self.tunnel(1, key: nil, ike: IKEConfig(lifetime: 3600)), Self.tunnel(2, key: nil)])
        let narrowed = try spec.narrowed(against: Self.current(keys: ["CloudKey00000001", "CloudKey00000002"]))
        #expect(narrowed.tunnels[0].ike?.lifetime == 3600)
        #expect(narrowed.tunnels[0].preSharedKey == "CloudKey00000001")
        #expect(narrowed.tunnels[1].ike == nil)
    }

    @Test func aNewManifestKeyIsSentWithItsBlock() throws {
        let spec = Self.spec([Self.tunnel(1, key: "Manifest-Key-1"), Self.tunnel(2, key: "CloudKey00000002")])
        let narrowed = try spec.narrowed(against: Self.current(keys: ["CloudKey00000001", "CloudKey00000002"]))
        #expect(narrowed.tunnels[0].ike != nil && narrowed.tunnels[0].preSharedKey == "Manifest-Key-1")
        #expect(narrowed.tunnels[1].ike == nil, "a manifest key equal to the cloud's changes nothing")
    }

    @Test func aMaskedKeyCannotBeKept() {
        let spec = Self.spec([Self.tunnel(1, key: nil, ike: IKEConfig(encryption: .aes256)), Self.tunnel(2, key: nil)])
        #expect(throws: ApplyError.self) { try spec.narrowed(against: Self.current(keys: ["******", "CloudKey00000002"])) }
        // With no IKE change, a masked key is simply left alone.
        #expect(throws: Never.self) { try Self.spec([Self.tunnel(1, key: nil), Self.tunnel(2, key: nil)]).narrowed(against: Self.current(keys: ["******", ""])) }
    }

    @Test func anExplicitIdentityDifferentFromTheCloudsIsSent() throws {
        let spec = Self.spec([Self.tunnel(1, key: nil, ike: IKEConfig(localId: "vpn.example.com")), Self.tunnel(2, key: nil)])
        let narrowed = try spec.narrowed(against: Self.current(keys: ["CloudKey00000001", "CloudKey00000002"]))
        #expect(narrowed.tunnels[0].ike?.localId == "vpn.example.com")
        #expect(narrowed.tunnels[0].preSharedKey == "CloudKey00000001")
    }
}
