import Foundation
import Testing
import TunnelformCore
@testable import TunnelformAlibaba

@Suite struct AlibabaProviderTests {
    /// A region with `total` connections: vco-1 attached to tr-1, vco-2 granted to another account.
    static func region(total: Int) -> FakeTransport {
        FakeTransport { request, _ in
            let p = request.parameters
            switch request.action {
            case "DescribeCustomerGateways":
                return Fixtures.ok(#"{"RequestId": "r", "TotalCount": 1, "CustomerGateways": {"CustomerGateway": [{"CustomerGatewayId": "cgw-1", "IpAddress": "203.0.113.10", "Asn": 65010}]}}"#)
            case "DescribeVpnConnections":
                let size = Int(p["PageSize"] ?? "10") ?? 10
                let page = Int(p["PageNumber"] ?? "1") ?? 1
                let range = ((page - 1) * size + 1)...min(page * size, total)
                let items = range.map { n in
                    #"{"VpnConnectionId": "vco-\#(n)", "Name": "c\#(n)", "State": "\#(n == 1 ? "attached" : "init")", "CrossAccountAuthorized": \#(n == 2), "TransitRouterId": "\#(n == 1 ? "tr-1" : "")", "Tag": {"Tag": []}, "TunnelOptionsSpecification": {"TunnelOptions": [{"TunnelId": "tun-\#(n)a", "TunnelIndex": "1", "EnableDpd": "true"}, {"TunnelId": "tun-\#(n)b", "TunnelIndex": "2", "EnableDpd": "false"}]}}"#
                }
                return Fixtures.ok(#"{"RequestId": "r", "TotalCount": \#(total), "PageNumber": \#(page), "PageSize": \#(size), "VpnConnections": {"VpnConnection": [\#(items.joined(separator: ","))]}}"#)
            case "ListTransitRouterVpnAttachments":
                if p["NextToken"] == nil {
                    return Fixtures.ok(#"{"RequestId": "r", "NextToken": "page-2", "TransitRouterAttachments": [{"TransitRouterAttachmentId": "tr-attach-1", "TransitRouterId": "tr-1", "CenId": "cen-1", "VpnId": "vco-1", "Status": "Attached", "ResourceType": "VPN", "AutoPublishRouteEnabled": true}]}"#)
                }
                return Fixtures.ok(#"{"RequestId": "r", "NextToken": "", "TransitRouterAttachments": [{"TransitRouterAttachmentId": "tr-attach-3", "TransitRouterId": "tr-1", "CenId": "cen-1", "VpnId": "vco-3", "Status": "Attaching", "ResourceType": "VPN"}]}"#)
            case "ListTransitRouterRouteTables":
                return Fixtures.ok(#"{"RequestId": "r", "TransitRouterRouteTables": [{"TransitRouterRouteTableId": "vtb-sys", "TransitRouterRouteTableType": "System", "TransitRouterRouteTableStatus": "Active"}]}"#)
            case "ListTransitRouterRouteTableAssociations":
                let filtered = p["TransitRouterAttachmentId"].map { $0 == "tr-attach-1" } ?? true
                return Fixtures.ok(#"{"RequestId": "r", "TransitRouterAssociations": [\#(filtered ? #"{"TransitRouterAttachmentId": "tr-attach-1", "TransitRouterRouteTableId": "vtb-sys", "Status": "Active"}"# : "")]}"#)
            case "ListTransitRouterRouteTablePropagations":
                return Fixtures.ok(#"{"RequestId": "r", "TransitRouterPropagations": [{"TransitRouterAttachmentId": "tr-attach-1", "TransitRouterRouteTableId": "vtb-sys", "Status": "Enabling"}]}"#)
            case "DescribeVpnCrossAccountAuthorizations":
                return Fixtures.ok(#"{"RequestId": "r", "TotalCount": 1, "CrossAccountAuthorizations": [{"AliUid": 1, "BindInstance": "cen-other", "BindProduct": "CEN", "BindUid": 1210123456123456, "VpnConnectionId": "vco-2"}]}"#)
            case "DescribeVpnConnection":
                if p["VpnConnectionId"] == "vco-gone" {
                    return HTTPResponse(status: 400, json: #"{"RequestId": "r", "Code": "InvalidVpnConnectionInstanceId.NotFound", "Message": "not found"}"#)
                }
                return Fixtures.ok(#"{"RequestId": "r", "VpnConnectionId": "\#(p["VpnConnectionId"] ?? "")", "State": "\#(p["VpnConnectionId"] == "vco-1" ? "attached" : "attaching")"}"#)
            case "AssociateTransitRouterAttachmentWithRouteTable", "EnableTransitRouterRouteTablePropagation":
                return Fixtures.ok(#"{"RequestId": "assoc"}"#)
            case "DeleteVpnAttachment":
                return HTTPResponse(status: 400, json: #"{"RequestId": "del", "Code": "InvalidVpnConnectionInstanceId.NotFound", "Message": "gone"}"#)
            default:
                return HTTPResponse(status: 400, json: #"{"RequestId": "r", "Code": "InvalidAction.NotFound", "Message": "\#(request.action)"}"#)
            }
        }
    }

    @Test func observeOf120ConnectionsCostsThreeDescribeCalls() async throws {
        let transport = Self.region(total: 120)
        let inventory = try await Fixtures.provider(transport).observe(region: "cn-hangzhou")
        let describes = transport.requests(for: "DescribeVpnConnections")
        #expect(describes.count == 3)
        #expect(describes.map { $0.parameters["PageNumber"] } == ["1", "2", "3"])
        #expect(describes.allSatisfy { $0.parameters["PageSize"] == "50" && $0.parameters["RegionId"] == "cn-hangzhou" })
        #expect(inventory.connections.count == 120)
        #expect(Set(inventory.connections.map(\.id)).count == 120)
        #expect(inventory.connections[0].tunnels.map(\.dpd) == [true, false])
        #expect(inventory.customerGateways.map(\.id) == ["cgw-1"])
        #expect(inventory.transitRouterAttachments.map(\.id) == ["tr-attach-1", "tr-attach-3"])
        #expect(inventory.routeTableAssociations == [CloudRouteTableLink(attachmentId: "tr-attach-1", routeTableId: "vtb-sys", status: .active)])
        #expect(inventory.routeTablePropagations == [CloudRouteTableLink(attachmentId: "tr-attach-1", routeTableId: "vtb-sys", status: .pending)])
        #expect(inventory.grants == [CloudGrant(vpnId: "vco-2", cenId: "cen-other", cenOwnerUid: "1210123456123456", payer: .cenOwner)])
        // Grants are read only for the one connection reporting CrossAccountAuthorized=true.
        #expect(transport.requests(for: "DescribeVpnCrossAccountAuthorizations").map { $0.parameters["VpnConnectionId"] } == ["vco-2"])
        #expect(transport.requests(for: "ListTransitRouterVpnAttachments").map { $0.parameters["NextToken"] } == [nil, "page-2"])
        #expect(transport.requests(for: "ListTransitRouterRouteTables").first?.parameters["TransitRouterRouteTableType"] == "System")
        #expect(transport.requests.count == 10)
    }

    @Test func observeStopsOnAShortPageWithoutTotalCount() async throws {
        let transport = FakeTransport { request, _ in
            request.action == "DescribeVpnConnections"
                ? Fixtures.ok(#"{"VpnConnections": {"VpnConnection": [{"VpnConnectionId": "vco-1", "State": "init"}]}}"#)
                : Fixtures.ok(#"{"RequestId": "r"}"#)
        }
        let inventory = try await Fixtures.provider(transport).observe(region: "cn-shanghai")
        #expect(inventory.connections.count == 1)
        #expect(transport.requests(for: "DescribeVpnConnections").count == 1)
    }

    @Test func statusOfEachObjectKind() async throws {
        let transport = Self.region(total: 3)
        let provider = Fixtures.provider(transport)
        #expect(try await provider.status(of: .connection(region: "cn-hangzhou", id: "vco-1")) == .settled("attached"))
        #expect(try await provider.status(of: .connection(region: "cn-hangzhou", id: "vco-7")) == .pending("attaching"))
        #expect(try await provider.status(of: .connection(region: "cn-hangzhou", id: "vco-gone")) == .gone)
        #expect(try await provider.status(of: .transitRouterAttachment(region: "cn-hangzhou", id: "tr-attach-1")) == .settled("Attached"))
        #expect(try await provider.status(of: .routeTableAssociation(region: "cn-hangzhou", attachmentId: "tr-attach-1")) == .settled("Active"))
        #expect(try await provider.status(of: .routeTablePropagation(region: "cn-hangzhou", attachmentId: "tr-attach-1")) == .pending("Enabling"))
        // The attachment's router and the router's default table were looked up once and cached.
        #expect(transport.requests(for: "ListTransitRouterRouteTables").count == 1)
        #expect(transport.requests(for: "ListTransitRouterVpnAttachments").count == 1)
    }

    @Test func associationUsesTheDefaultRouteTable() async throws {
        let transport = Self.region(total: 3)
        let provider = Fixtures.provider(transport)
        let first = try await provider.execute(.associateDefaultRouteTable(region: "cn-hangzhou", attachmentId: "tr-attach-1"), idempotencyToken: "t1")
        #expect(first.requestId == "assoc")
        _ = try await provider.execute(.enableDefaultRouteTablePropagation(region: "cn-hangzhou", attachmentId: "tr-attach-1"), idempotencyToken: "t2")
        let associate = try #require(transport.requests(for: "AssociateTransitRouterAttachmentWithRouteTable").first)
        #expect(associate.parameters["TransitRouterRouteTableId"] == "vtb-sys")
        #expect(associate.parameters["TransitRouterAttachmentId"] == "tr-attach-1")
        #expect(associate.parameters["ClientToken"] == "t1")
        #expect(transport.requests(for: "EnableTransitRouterRouteTablePropagation").first?.parameters["TransitRouterRouteTableId"] == "vtb-sys")
        #expect(transport.requests(for: "ListTransitRouterRouteTables").count == 1)
    }

    @Test func removingSomethingAlreadyGoneSucceeds() async throws {
        let provider = Fixtures.provider(Self.region(total: 1))
        let response = try await provider.execute(.deleteConnection(region: "cn-hangzhou", id: "vco-9"), idempotencyToken: "t")
        #expect(response == CloudResponse(createdId: nil, requestId: "del"))
    }

    @Test func onlyMissingResourcesCountAsGone() {
        #expect(AlibabaProvider.isNotFound(CloudError(code: "InvalidVpnConnectionInstanceId.NotFound", message: "")))
        #expect(AlibabaProvider.isNotFound(CloudError(code: "InvalidCustomerGatewayInstanceId.NotFound", message: "")))
        #expect(!AlibabaProvider.isNotFound(CloudError(code: "InvalidAccessKeyId.NotFound", message: "")))
        #expect(!AlibabaProvider.isNotFound(CloudError(code: "InvalidAction.NotFound", message: "")))
        #expect(!AlibabaProvider.isNotFound(CloudError(code: "InvalidRegionId.NotFound", message: "")))
        #expect(!AlibabaProvider.isNotFound(CloudError(code: "Forbidden.RAM", message: "")))
    }

    @Test func downloadConfigReturnsTheParsedDocument() async throws {
        let transport = FakeTransport { _, _ in
            Fixtures.ok(#"{"RequestId": "r", "VpnConnectionConfig": {"Local": "203.0.113.10", "Remote": "47.1.1.1", "TunnelsConfig": {"TunnelConfig": [{"TunnelId": "tun-1"}]}}}"#)
        }
        let config = try await Fixtures.provider(transport).downloadConfig(region: "cn-hangzhou", connectionId: "vco-1")
        #expect(config["Remote"]?.stringValue == "47.1.1.1")
        #expect(config.list("TunnelsConfig", "TunnelConfig").count == 1)
        #expect(transport.requests.first?.parameters["VpnConnectionId"] == "vco-1")
    }

    @Test func productionInitializerRefusesInsecureEndpoint() {
        #expect(throws: AlibabaSetupError.self) {
            _ = try AlibabaProvider(configuration: AlibabaConfiguration(endpoints: EndpointOverrides(vpc: "http://192.0.2.1")),
                                    environment: ["ALIBABA_CLOUD_ACCESS_KEY_ID": "a", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "b"],
                                    homeDirectory: "/nonexistent")
        }
        #expect(throws: AlibabaSetupError.self) {
            _ = try AlibabaProvider(configuration: AlibabaConfiguration(), environment: [:], homeDirectory: "/nonexistent-home")
        }
    }
}
