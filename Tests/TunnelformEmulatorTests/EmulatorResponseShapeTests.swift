import Foundation
import Testing
import TunnelformAlibaba
import TunnelformEmulator

/// The success bodies keep the service's quirks (`alibaba-api.md` §2.4, §3): wrappers, string-typed
/// tunnel values in Describe views, epoch-ms `CreateTime`, CEN `CreationTime` without seconds, paging.
@Suite("Emulator: response shapes")
struct EmulatorResponseShapeTests {
    let emulator: Emulator

    init() throws {
        emulator = try Emulator(configuration: EmulatorConfiguration())
    }

    func call(_ product: AlibabaProduct, _ action: String, _ parameters: [String: WireValue?]) async throws -> [String: Any] {
        let response = await emulator.handle(try SignedCall.wire(APICall(product, action, region: "cn-hangzhou", parameters: parameters)))
        let body = try SignedCall.object(response)
        #expect(response.status == 200, "\(action): \(body)")
        return body
    }

    func tunnel(_ index: Int64, gateway: String) -> WireValue {
        .object([
            "TunnelIndex": .integer(index), "CustomerGatewayId": .string(gateway), "EnableDpd": true, "EnableNatTraversal": false,
            "TunnelIkeConfig": .object(["Psk": .string("key-\(index)-abcdef"), "IkeVersion": "ikev2", "IkeLifetime": 28800]),
            "TunnelBgpConfig": .object(["TunnelCidr": .string("169.254.3\(index).0/30"), "LocalBgpIp": .string("169.254.3\(index).1"),
                                        "LocalAsn": 45104]),
        ])
    }

    @Test func connectionViewsKeepTheirWrappersAndTypes() async throws {
        let gateway = try await call(.vpc, "CreateCustomerGateway", ["RegionId": "cn-hangzhou", "IpAddress": "203.0.113.9", "Asn": "65001"])
        let gatewayId = try #require(gateway["CustomerGatewayId"] as? String)
        #expect(gateway["CreateTime"] is Int)
        let created = try await call(.vpc, "CreateVpnAttachment", [
            "RegionId": "cn-hangzhou", "Name": "dc", "LocalSubnet": "0.0.0.0/0", "RemoteSubnet": "0.0.0.0/0", "EnableTunnelsBgp": true,
            "Tags": WireValue.tags(["site": "x"]), "TunnelOptionsSpecification": .list([tunnel(1, gateway: gatewayId), tunnel(2, gateway: gatewayId)]),
        ])
        #expect(created["Code"] as? String == "200")
        #expect(created["Success"] as? Bool == true)
        #expect(created["Message"] as? String == "successful")
        let id = try #require(created["VpnConnectionId"] as? String)

        let single = try await call(.vpc, "DescribeVpnConnection", ["RegionId": "cn-hangzhou", "VpnConnectionId": .string(id)])
        #expect(single["State"] as? String == "init")
        #expect(single["AttachType"] as? String == "NO_ASSOCIATED")
        #expect(single["CreateTime"] is Int)
        #expect(single["EnableTunnelsBgp"] as? Bool == true)
        #expect(((single["Tags"] as? [String: Any])?["Tag"] as? [[String: Any]])?.first?["Key"] as? String == "site")
        let tunnels = try #require((single["TunnelOptionsSpecification"] as? [String: Any])?["TunnelOptions"] as? [[String: Any]])
        #expect(tunnels.count == 2)
        #expect(tunnels[0]["EnableDpd"] as? String == "true")
        #expect(tunnels[0]["EnableNatTraversal"] as? String == "false")
        #expect(tunnels[0]["Role"] as? String == "master")
        let ike = try #require(tunnels[0]["TunnelIkeConfig"] as? [String: Any])
        #expect(ike["IkeLifetime"] as? String == "28800")
        #expect(ike["Psk"] as? String == "key-1-abcdef")
        let bgp = try #require(tunnels[1]["TunnelBgpConfig"] as? [String: Any])
        #expect(bgp["PeerBgpIp"] as? String == "169.254.32.2")
        #expect(bgp["PeerAsn"] as? String == "65001")
        #expect(bgp["LocalAsn"] as? String == "45104")
        #expect(tunnels.map { $0["TunnelIndex"] as? Int } == [1, 2], "TunnelIndex is an integer in the SDK model")

        let list = try await call(.vpc, "DescribeVpnConnections", ["RegionId": "cn-hangzhou", "PageSize": 50])
        #expect(list["TotalCount"] as? Int == 1)
        #expect(list["PageNumber"] as? Int == 1)
        #expect(list["PageSize"] as? Int == 50)
        let item = try #require(((list["VpnConnections"] as? [String: Any])?["VpnConnection"] as? [[String: Any]])?.first)
        #expect(((item["Tag"] as? [String: Any])?["Tag"] as? [[String: Any]])?.count == 1)
        #expect(item["Tags"] == nil)

        let modified = try await call(.vpc, "ModifyVpnAttachmentAttribute", [
            "RegionId": "cn-hangzhou", "VpnConnectionId": .string(id), "Name": "dc2",
            "TunnelOptionsSpecification": .list([tunnel(1, gateway: gatewayId), tunnel(2, gateway: gatewayId)]),
        ])
        let plain = try #require(modified["TunnelOptionsSpecification"] as? [[String: Any]])
        #expect(plain.first?["EnableDpd"] as? Bool == true)
        #expect(modified["Name"] as? String == "dc2")
        // Only the keys of the SDK's ModifyVpnAttachmentAttributeResponseBody: no State, no tunnel Status or ZoneNo.
        #expect(modified["State"] == nil)
        #expect(plain.first?["ZoneNo"] == nil && plain.first?["Status"] == nil && plain.first?["RemoteCaCertificate"] == nil)
        #expect(plain.map { $0["TunnelIndex"] as? Int } == [1, 2])
        #expect((plain.first?["TunnelBgpConfig"] as? [String: Any])?["LocalAsn"] as? Int == 45104)

        let tooLarge = await emulator.handle(try SignedCall.wire(APICall(.vpc, "DescribeVpnConnections", region: "cn-hangzhou",
                                                                         parameters: ["RegionId": "cn-hangzhou", "PageSize": 51])))
        #expect(try SignedCall.object(tooLarge)["Code"] as? String == "InvalidParameter")
    }

    @Test func cenListsPageWithTokensAndDropTheSeconds() async throws {
        let gateway = try await call(.vpc, "CreateCustomerGateway", ["RegionId": "cn-hangzhou", "IpAddress": "203.0.113.9"])
        let gatewayId = try #require(gateway["CustomerGatewayId"] as? String)
        var attachments: [String] = []
        for name in ["a", "b"] {
            let created = try await call(.vpc, "CreateVpnAttachment", [
                "RegionId": "cn-hangzhou", "Name": .string(name), "LocalSubnet": "0.0.0.0/0", "RemoteSubnet": "0.0.0.0/0",
                "TunnelOptionsSpecification": .list([.object(["TunnelIndex": 1, "CustomerGatewayId": .string(gatewayId)]),
                                                     .object(["TunnelIndex": 2, "CustomerGatewayId": .string(gatewayId)])]),
            ])
            let attached = try await call(.cbn, "CreateTransitRouterVpnAttachment", [
                "RegionId": "cn-hangzhou", "CenId": "cen-shapes000001", "VpnId": .string(created["VpnConnectionId"] as? String ?? ""),
                "VpnOwnerId": "1234567890123456", "AutoPublishRouteEnabled": true,
            ])
            attachments.append(try #require(attached["TransitRouterAttachmentId"] as? String))
        }
        let first = try await call(.cbn, "ListTransitRouterVpnAttachments", ["RegionId": "cn-hangzhou", "MaxResults": 1])
        #expect(first["TotalCount"] as? Int == 2)
        let token = try #require(first["NextToken"] as? String)
        let second = try await call(.cbn, "ListTransitRouterVpnAttachments", ["RegionId": "cn-hangzhou", "MaxResults": 1, "NextToken": .string(token)])
        #expect(second["NextToken"] == nil)
        let items = (first["TransitRouterAttachments"] as? [[String: Any]] ?? []) + (second["TransitRouterAttachments"] as? [[String: Any]] ?? [])
        #expect(Set(items.compactMap { $0["TransitRouterAttachmentId"] as? String }) == Set(attachments))
        let creation = try #require(items.first?["CreationTime"] as? String)
        #expect(creation.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\dZ$"#, options: .regularExpression) != nil, "\(creation)")
        #expect(items.first?["ResourceType"] as? String == "VPN")
        #expect(items.first?["AutoPublishRouteEnabled"] as? Bool == true)

        let router = try #require(items.first?["TransitRouterId"] as? String)
        let tables = try await call(.cbn, "ListTransitRouterRouteTables", ["TransitRouterId": .string(router), "TransitRouterRouteTableType": "System"])
        let table = try #require((tables["TransitRouterRouteTables"] as? [[String: Any]])?.first?["TransitRouterRouteTableId"] as? String)
        _ = try await call(.cbn, "AssociateTransitRouterAttachmentWithRouteTable", [
            "TransitRouterAttachmentId": .string(attachments[0]), "TransitRouterRouteTableId": .string(table),
        ])
        let links = try await call(.cbn, "ListTransitRouterRouteTableAssociations", ["TransitRouterRouteTableId": .string(table)])
        let link = try #require((links["TransitRouterAssociations"] as? [[String: Any]])?.first)
        #expect(link["Status"] as? String == "Active")
        #expect(link["ResourceType"] as? String == "VPN")
        let wrongTable = await emulator.handle(try SignedCall.wire(APICall(.cbn, "EnableTransitRouterRouteTablePropagation", region: "cn-hangzhou",
            parameters: ["TransitRouterAttachmentId": .string(attachments[0]), "TransitRouterRouteTableId": "vtb-other"])))
        #expect(wrongTable.status == 404)
        #expect(try SignedCall.object(wrongTable)["Code"] as? String == "InvalidTransitRouterRouteTableId.NotFound")
    }

    @Test func flattenedParametersAreUnflattened() {
        let tree = ParameterTree(flattened: [
            "TunnelOptionsSpecification.2.TunnelIkeConfig.Psk": "b", "TunnelOptionsSpecification.10.TunnelIndex": "10",
            "TunnelOptionsSpecification.1.TunnelIkeConfig.Psk": "a", "Tags.1.Key": "k", "Tags.1.Value": "v", "Name": "n",
        ])
        #expect(tree.string("Name") == "n")
        #expect(tree.list("TunnelOptionsSpecification").map { $0["TunnelIkeConfig"]?.string("Psk") ?? $0.string("TunnelIndex") } == ["a", "b", "10"])
        #expect(tree.tags("Tags") == ["k": "v"])
    }
}
