import Testing
import TunnelformCore
@testable import TunnelformAlibaba

@Suite struct ResponseParsingTests {
    func json(_ text: String) throws -> JSONValue { try #require(JSONValue.parse(bytes: Array(text.utf8))) }

    /// DescribeVpnConnection: `Tags.Tag`, `TunnelOptionsSpecification.TunnelOptions`, string booleans and numbers, ms times.
    static let describeVpnConnection = """
    {"RequestId": "R1", "VpnConnectionId": "vco-1", "Name": "dc1", "CreateTime": 1700000000123, "NetworkType": "public",
     "LocalSubnet": "10.0.0.0/24,10.1.0.0/24", "RemoteSubnet": "192.168.0.0/16", "EffectImmediately": true, "EnableTunnelsBgp": "true",
     "TunnelBandwidth": "Large", "State": "attached", "Status": "ipsec_sa_established", "AttachType": "CEN", "AttachInstanceId": "cen-1",
     "TransitRouterId": "tr-1", "CrossAccountAuthorized": false, "VpnGatewayId": "", "ResourceGroupId": "rg-1",
     "Tags": {"Tag": [{"Key": "team", "Value": "net"}]},
     "TunnelOptionsSpecification": {"TunnelOptions": [
       {"TunnelId": "tun-2", "TunnelIndex": "2", "Role": "slave", "State": "active", "Status": "ike_sa_not_established",
        "CustomerGatewayId": "cgw-b", "InternetIp": "47.1.1.2", "EnableDpd": "false", "EnableNatTraversal": "true",
        "TunnelIkeConfig": {"IkeVersion": "ikev1", "IkeMode": "aggressive", "IkeEncAlg": "aes256", "IkeAuthAlg": "sha256", "IkePfs": "group14",
                            "IkeLifetime": "3600", "Psk": "generated-key-2", "LocalId": "47.1.1.2", "RemoteId": ""},
        "TunnelIpsecConfig": {"IpsecEncAlg": "3des", "IpsecAuthAlg": "md5", "IpsecPfs": "disabled", "IpsecLifetime": "1800"},
        "TunnelBgpConfig": {"TunnelCidr": "169.254.11.0/30", "LocalBgpIp": "169.254.11.1", "LocalAsn": "45104", "BgpStatus": "false"}},
       {"TunnelId": "tun-1", "TunnelIndex": 1, "State": "updating", "Status": "ipsec_sa_established", "CustomerGatewayId": "cgw-a",
        "InternetIp": "47.1.1.1", "EnableDpd": "true", "EnableNatTraversal": "false",
        "TunnelIkeConfig": {"Psk": "generated-key-1"}, "TunnelIpsecConfig": {}}
     ]}}
    """

    @Test func describeVpnConnectionQuirks() throws {
        let connection = try #require(ConnectionParser.connection(try json(Self.describeVpnConnection)))
        #expect(connection.id == "vco-1")
        #expect(connection.state == .attached)
        #expect(connection.createTime == 1_700_000_000_123)
        #expect(connection.localSubnets == [IPv4Network("10.0.0.0/24")!, IPv4Network("10.1.0.0/24")!])
        #expect(connection.enableTunnelsBgp && connection.effectImmediately)
        #expect(connection.tunnelBandwidth == .large)
        #expect(connection.tags == ["team": "net"])
        #expect(connection.cenId == "cen-1" && connection.transitRouterId == "tr-1")
        #expect(connection.resourceGroupId == "rg-1")
        #expect(connection.tunnels.map(\.id) == ["tun-1", "tun-2"])
        let second = connection.tunnels[1]
        #expect(second.index == 2)
        #expect(!second.dpd && second.natTraversal)
        #expect(second.ike == IKEConfig(version: .ikev1, mode: .aggressive, encryption: .aes256, authentication: .sha256, dhGroup: .group14,
                                        lifetime: 3600, localId: "47.1.1.2", remoteId: nil))
        #expect(second.ipsec == IPsecConfig(encryption: .tripleDES, authentication: .md5, dhGroup: .disabled, lifetime: 1800))
        #expect(second.bgp == TunnelBGP(tunnelCidr: IPv4Network("169.254.11.0/30")!, localIp: IPv4Address("169.254.11.1")!))
        #expect(second.bgpStatus == "false")
        #expect(second.preSharedKey == "generated-key-2")
        #expect(second.gatewayIp == IPv4Address("47.1.1.2"))
        let first = connection.tunnels[0]
        #expect(first.state == .updating && first.status == .ipsecSAEstablished)
        #expect(first.dpd && !first.natTraversal)
        #expect(first.ike == IKEConfig())
    }

    @Test func listItemUsesTagTag() throws {
        let item = try json("""
        {"VpnConnectionId": "vco-2", "Name": "n", "State": "init", "CreateTime": "1700000000000", "Tag": {"Tag": [{"Key": "env", "Value": "prod"}]},
         "CrossAccountAuthorized": "true", "TunnelOptionsSpecification": {"TunnelOptions": []}}
        """)
        let connection = try #require(ConnectionParser.connection(item))
        #expect(connection.tags == ["env": "prod"])
        #expect(connection.crossAccountAuthorized)
        #expect(connection.createTime == 1_700_000_000_000)
        #expect(connection.state == .`init`)
        #expect(connection.transitRouterId == nil)
    }

    /// ModifyVpnAttachmentAttribute answers with a plain `TunnelOptionsSpecification[]` and real booleans.
    @Test func modifyResponsePlainTunnelArray() throws {
        let item = try json("""
        {"RequestId": "R2", "VpnConnectionId": "vco-3", "Name": "n", "State": "updating", "LocalSubnet": "0.0.0.0/0", "RemoteSubnet": "0.0.0.0/0",
         "TunnelOptionsSpecification": [
           {"TunnelId": "tun-a", "TunnelIndex": 1, "EnableDpd": false, "EnableNatTraversal": true, "CustomerGatewayId": "cgw-1",
            "TunnelIkeConfig": {"IkeLifetime": 86400, "IkeVersion": "IKEv2"}},
           {"TunnelId": "tun-b", "TunnelIndex": 2, "EnableDpd": true, "EnableNatTraversal": false, "CustomerGatewayId": "cgw-1"}]}
        """)
        let connection = try #require(ConnectionParser.connection(item))
        #expect(connection.state == .updating)
        #expect(connection.localSubnets == [.any])
        #expect(connection.tunnels.map(\.index) == [1, 2])
        #expect(!connection.tunnels[0].dpd && connection.tunnels[0].natTraversal)
        #expect(connection.tunnels[0].ike.version == .ikev2)
        #expect(connection.tunnels[1].dpd && !connection.tunnels[1].natTraversal)
    }

    @Test func unknownStatesReadAsBusy() {
        #expect(ConnectionParser.connectionState("Upgrading") == .updating)
        #expect(ConnectionParser.connectionState("financialLocked") == .updating)
        #expect(ConnectionParser.tunnelState("deleted") == .deleting)
    }

    @Test func customerGatewayNumbersAsStrings() throws {
        let body = try json("""
        {"TotalCount": 3, "CustomerGateways": {"CustomerGateway": [
          {"CustomerGatewayId": "cgw-1", "IpAddress": "203.0.113.10", "Asn": "65010", "AuthKey": "", "Name": "a", "CreateTime": 1700000000000,
           "Tags": {"Tag": [{"Key": "k", "Value": "v"}]}},
          {"CustomerGatewayId": "cgw-2", "IpAddress": "203.0.113.11", "Asn": 0, "Description": "d", "CreateTime": "1700000000001"},
          {"CustomerGatewayId": "cgw-3", "IpAddress": "2001:db8::1"}]}}
        """)
        let gateways = body.list("CustomerGateways", "CustomerGateway").compactMap(InventoryParser.customerGateway)
        #expect(gateways.count == 2)
        #expect(gateways[0].asn == ASN(65010) && gateways[0].authKey == nil && gateways[0].tags == ["k": "v"])
        #expect(gateways[1].asn == nil && gateways[1].description == "d" && gateways[1].createTime == 1_700_000_000_001)
    }

    @Test func transitRouterListsAndGrants() throws {
        let attachment = try json("""
        {"TransitRouterAttachmentId": "tr-attach-1", "TransitRouterId": "tr-1", "CenId": "cen-1", "VpnId": "vco-1", "Status": "Attached",
         "ResourceType": "VPN", "AutoPublishRouteEnabled": false, "CreationTime": "2024-01-01T00:00Z"}
        """)
        #expect(InventoryParser.transitRouterAttachment(attachment)
            == CloudTransitRouterAttachment(id: "tr-attach-1", vpnId: "vco-1", cenId: "cen-1", transitRouterId: "tr-1", status: .attached,
                                            autoPublishRouteEnabled: false))
        let links = try json("""
        {"TransitRouterAssociations": [
          {"TransitRouterAttachmentId": "a1", "TransitRouterRouteTableId": "vtb-1", "Status": "Associating"},
          {"TransitRouterAttachmentId": "a2", "TransitRouterRouteTableId": "vtb-1", "Status": "Active"},
          {"TransitRouterAttachmentId": "a3", "TransitRouterRouteTableId": "vtb-1", "Status": "Dissociating"},
          {"TransitRouterAttachmentId": "a4", "TransitRouterRouteTableId": "vtb-1", "Status": "Deleted"}]}
        """)
        #expect(links.list("TransitRouterAssociations", "TransitRouterAssociation").compactMap(InventoryParser.routeTableLink).map(\.status)
            == [.pending, .active, .removing])
        let grant = try json("""
        {"AliUid": 1250123456123456, "BindInstance": "cen-x", "BindProduct": "CEN", "BindUid": 1210123456123456, "CreationTime": 1658201810000,
         "VpnConnectionId": "vco-9"}
        """)
        #expect(InventoryParser.grant(grant, connectionId: "vco-9")
            == CloudGrant(vpnId: "vco-9", cenId: "cen-x", cenOwnerUid: "1210123456123456", payer: .cenOwner))
    }

    @Test func errorBodyMapsToCloudError() {
        let error = ErrorResponse.cloudError(status: 400, headers: ["X-Acs-Request-Id": "hdr-id", "x-acs-retry-after": "1500"], body: Array("""
        {"RequestId": "body-id", "HostId": "vpc.aliyuncs.com", "Code": "Throttling.User", "Message": "Request was denied due to user flow control.",
         "Recommend": "https://api.aliyun.com/troubleshoot?q=Throttling.User"}
        """.utf8))
        #expect(error.code == "Throttling.User")
        #expect(error.message == "Request was denied due to user flow control.")
        #expect(error.requestId == "body-id")
        #expect(error.httpStatus == 400)
        #expect(error.isRetryable)
        #expect(error.retryAfter == 1.5)
    }

    @Test func errorWithoutBodyFields() {
        let lower = ErrorResponse.cloudError(status: 404, headers: ["x-acs-request-id": "hdr-id"],
                                             body: Array(#"{"code": "InvalidAccessKeyId.NotFound", "message": "Specified access key is not found."}"#.utf8))
        #expect(lower.code == "InvalidAccessKeyId.NotFound" && lower.requestId == "hdr-id" && !lower.isRetryable)
        let gateway = ErrorResponse.cloudError(status: 502, headers: [:], body: Array("<html>Bad Gateway</html>".utf8))
        #expect(gateway.code == "HTTP502")
        #expect(gateway.message == "HTTP status 502: <html>Bad Gateway</html>")
        #expect(gateway.isRetryable)
        #expect(!ErrorResponse.cloudError(status: 400, headers: [:], body: Array(#"{"Code": "InvalidParameter", "Message": "x"}"#.utf8)).isRetryable)
    }
}
