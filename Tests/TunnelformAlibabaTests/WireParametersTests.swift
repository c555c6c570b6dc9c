import Testing
import TunnelformCore
@testable import TunnelformAlibaba

@Suite struct WireParametersTests {
    @Test func flatteningListsStructsAndScalars() {
        let flat = WireValue.flatten([
            "Tags": .list([.object(["Key": "k1", "Value": "v1"]), .object(["Key": "k2", "Value": nil])]),
            "TunnelOptionsSpecification": .list([.object(["TunnelIkeConfig": .object(["Psk": "p", "IkeLifetime": 86400])])]),
            "Flag": false, "Count": 3, "Missing": nil,
        ])
        #expect(flat == [
            "Tags.1.Key": "k1", "Tags.1.Value": "v1", "Tags.2.Key": "k2",
            "TunnelOptionsSpecification.1.TunnelIkeConfig.Psk": "p", "TunnelOptionsSpecification.1.TunnelIkeConfig.IkeLifetime": "86400",
            "Flag": "false", "Count": "3",
        ])
    }

    static func tunnelForm(_ n: Int, gateway: String, psk: String?) -> [String: String] {
        let prefix = "TunnelOptionsSpecification.\(n)."
        var form = [
            "TunnelIndex": "\(n)", "CustomerGatewayId": gateway, "EnableDpd": "true", "EnableNatTraversal": "true",
            "TunnelIkeConfig.IkeVersion": "ikev2", "TunnelIkeConfig.IkeMode": "main", "TunnelIkeConfig.IkeEncAlg": "aes",
            "TunnelIkeConfig.IkeAuthAlg": "sha1", "TunnelIkeConfig.IkePfs": "group2", "TunnelIkeConfig.IkeLifetime": "86400",
            "TunnelIpsecConfig.IpsecEncAlg": "aes", "TunnelIpsecConfig.IpsecAuthAlg": "sha1", "TunnelIpsecConfig.IpsecPfs": "group2",
            "TunnelIpsecConfig.IpsecLifetime": "86400",
        ]
        if let psk { form["TunnelIkeConfig.Psk"] = psk }
        return Dictionary(uniqueKeysWithValues: form.map { (prefix + $0.key, $0.value) })
    }

    @Test func createVpnAttachmentExactParameterSetAndPlacement() throws {
        let mapped = try RequestMapping(accountId: nil).call(for: .createConnection(region: "cn-hangzhou", Fixtures.connectionSpec(tags: ["team": "net"])))
        #expect(mapped.usesClientToken)
        #expect(mapped.call.product == .vpc)
        #expect(mapped.call.action == "CreateVpnAttachment")
        let (query, form) = mapped.call.placed(clientToken: "tok-0001")
        #expect(query == [
            "RegionId": "cn-hangzhou", "Name": "shanghai-dc", "NetworkType": "public", "LocalSubnet": "0.0.0.0/0", "RemoteSubnet": "0.0.0.0/0",
            "EffectImmediately": "true", "EnableTunnelsBgp": "false", "TunnelBandwidth": "Standard", "ClientToken": "tok-0001",
            "Tags.1.Key": "team", "Tags.1.Value": "net",
        ])
        #expect(form == Self.tunnelForm(1, gateway: "cgw-aaa", psk: "s3cr*t!").merging(Self.tunnelForm(2, gateway: "cgw-bbb", psk: nil)) { a, _ in a })
        #expect(mapped.call.sensitiveValues == ["s3cr*t!"])
    }

    @Test func bgpTunnelsCarryTheirBGPConfig() throws {
        let mapped = try RequestMapping(accountId: nil).call(for: .createConnection(region: "cn-hangzhou", Fixtures.connectionSpec(bgp: true)))
        let form = mapped.call.placed().form
        #expect(form["TunnelOptionsSpecification.1.TunnelBgpConfig.TunnelCidr"] == "169.254.10.0/30")
        #expect(form["TunnelOptionsSpecification.1.TunnelBgpConfig.LocalBgpIp"] == "169.254.10.1")
        #expect(form["TunnelOptionsSpecification.2.TunnelBgpConfig.LocalAsn"] == "45104")
        #expect(mapped.call.placed().query["EnableTunnelsBgp"] == "true")
    }

    @Test func modifyKeepsFormPlacementAndSendsTunnelIds() throws {
        var spec = Fixtures.connectionSpec()
        spec.tunnels = [Fixtures.tunnel(index: 2, gateway: "cgw-b", psk: nil, id: "tun-2"), Fixtures.tunnel(index: 1, gateway: "cgw-a", psk: "k", id: "tun-1")]
        let (query, form) = try RequestMapping(accountId: nil).call(for: .modifyConnection(region: "cn-shanghai", id: "vco-1", spec)).call.placed()
        #expect(query["VpnConnectionId"] == "vco-1")
        #expect(query["NetworkType"] == nil && query["TunnelBandwidth"] == nil)
        #expect(form["TunnelOptionsSpecification.1.TunnelId"] == "tun-1")
        #expect(form["TunnelOptionsSpecification.2.TunnelId"] == "tun-2")
        #expect(form["TunnelOptionsSpecification.2.TunnelIndex"] == "2")
    }

    @Test func otherActionsPutEverythingInTheQuery() throws {
        let mapped = try RequestMapping(accountId: "1234").call(for: .createTransitRouterAttachment(
            region: "cn-hangzhou", connectionId: "vco-1", cenId: "cen-1", autoPublishRoutes: true))
        let (query, form) = mapped.call.placed(clientToken: "t")
        #expect(form.isEmpty)
        #expect(query == ["RegionId": "cn-hangzhou", "CenId": "cen-1", "VpnId": "vco-1", "VpnOwnerId": "1234", "AutoPublishRouteEnabled": "true",
                          "ChargeType": "POSTPAY", "ClientToken": "t"])
        #expect(mapped.call.product == .cbn)
    }

    @Test func grantAndRevokeWireValues() throws {
        let grant = try RequestMapping(accountId: nil).call(for: .grant(region: "cn-hangzhou", connectionId: "vco-1", cenId: "cen-9",
                                                                        cenOwnerUid: "1210123456123456", payer: .resourceOwner))
        #expect(!grant.usesClientToken)
        #expect(grant.call.placed().query == ["RegionId": "cn-hangzhou", "CenId": "cen-9", "CenOwnerId": "1210123456123456", "InstanceId": "vco-1",
                                              "InstanceType": "VPN", "OrderType": "PayByResourceOwner"])
        let revoke = try RequestMapping(accountId: nil).call(for: .revoke(region: "cn-hangzhou", connectionId: "vco-1", cenId: "cen-9", cenOwnerUid: "1"))
        #expect(revoke.call.action == "RevokeInstanceFromTransitRouter")
        #expect(revoke.call.placed().query["OrderType"] == nil)
    }

    @Test func attachingWithoutAccountIdIsAClearError() {
        #expect(throws: CloudError.self) {
            try RequestMapping(accountId: nil).call(for: .createTransitRouterAttachment(region: "r", connectionId: "vco-1", cenId: "cen-1", autoPublishRoutes: true))
        }
    }

    @Test func customerGatewayParameters() throws {
        let spec = CustomerGatewaySpec(name: "edge-1", ipAddress: IPv4Address("203.0.113.10")!, asn: ASN(65010), authKey: "md5key",
                                       description: nil, tags: [:])
        let mapped = try RequestMapping(accountId: nil).call(for: .createCustomerGateway(region: "cn-hangzhou", spec))
        #expect(mapped.call.placed().query == ["RegionId": "cn-hangzhou", "IpAddress": "203.0.113.10", "Asn": "65010", "AuthKey": "md5key", "Name": "edge-1"])
        #expect(mapped.call.sensitiveValues == ["md5key"])
    }

    @Test func clientTokenStaysAsciiAndShort() {
        #expect(AlibabaProvider.clientToken("tf-create-abc") == "tf-create-abc")
        let long = AlibabaProvider.clientToken(String(repeating: "x", count: 80))
        #expect(long.count == 64 && long.hasPrefix("tf-"))
        #expect(long == AlibabaProvider.clientToken(String(repeating: "x", count: 80)))
        #expect(AlibabaProvider.clientToken("clé") != "clé")
    }
}
