import Foundation
import Testing
import TunnelformCore
@testable import TunnelformSimulator

/// The simulated cloud's file is read through `TapeDecodable` conformances: with every optional
/// set, they must read back exactly what `JSONDecoder` reads from the same bytes.
@Suite struct CloudSnapshotDecodingTests {
    static var fullSnapshot: CloudSnapshot {
        let ready = Date(timeIntervalSinceReferenceDate: 812_345_678.25)
        let tunnel = CloudTunnel(
            id: "tun-1", index: 1, customerGatewayId: "cgw-1", state: .updating, status: .ipsecSAEstablished,
            gatewayIp: IPv4Address("198.18.0.1")!, preSharedKey: "sim-key-1",
            ike: IKEConfig(version: .ikev1, mode: .aggressive, localId: "a", remoteId: "b"), ipsec: IPsecConfig(dhGroup: .disabled),
            dpd: false, natTraversal: false,
            bgp: TunnelBGP(tunnelCidr: IPv4Network("169.254.1.0/30")!, localIp: IPv4Address("169.254.1.1")!), bgpStatus: "success")
        var bare = tunnel
        bare.id = "tun-2"
        bare.index = 2
        bare.gatewayIp = nil
        bare.bgp = nil
        bare.bgpStatus = nil
        let connection = CloudConnection(
            id: "vco-1", name: "dc1", state: .attaching, gatewayType: .private, localSubnets: [IPv4Network("10.0.0.0/8")!],
            remoteSubnets: [IPv4Network("192.168.0.0/16")!], effectImmediately: false, enableTunnelsBgp: true, tunnelBandwidth: .large,
            resourceGroupId: "rg-1", tags: ["env": "prod"], transitRouterId: "tr-1", cenId: "cen-1", crossAccountAuthorized: true,
            tunnels: [tunnel, bare], createTime: 1_795_926_210_896)
        var plain = connection
        plain.id = "vco-2"
        plain.resourceGroupId = nil
        plain.transitRouterId = nil
        plain.cenId = nil

        var region = RegionSnapshot()
        region.customerGateways = [
            "cgw-1": CloudCustomerGateway(id: "cgw-1", name: "edge", ipAddress: IPv4Address("203.0.113.9")!, asn: ASN(65010),
                                          authKey: "bgp-key", description: "Edge", tags: ["site": "hz"], createTime: 1_795_926_164_347),
            "cgw-2": CloudCustomerGateway(id: "cgw-2", name: "edge2", ipAddress: IPv4Address("203.0.113.10")!, asn: nil,
                                          authKey: nil, description: nil, tags: [:], createTime: 1),
        ]
        region.connections = [
            "vco-1": SimulatedConnection(connection: connection, pending: PendingChange(kind: .attach, readyAt: ready, target: .attached)),
            "vco-2": SimulatedConnection(connection: plain, pending: nil),
        ]
        region.attachments = [
            "tr-attach-1": SimulatedAttachment(attachment: CloudTransitRouterAttachment(
                id: "tr-attach-1", vpnId: "vco-1", cenId: "cen-1", transitRouterId: "tr-1", status: .attaching, autoPublishRouteEnabled: true),
                readyAt: ready),
            "tr-attach-2": SimulatedAttachment(attachment: CloudTransitRouterAttachment(
                id: "tr-attach-2", vpnId: "vco-2", cenId: "cen-1", transitRouterId: "tr-1", status: .attached, autoPublishRouteEnabled: false),
                readyAt: nil),
        ]
        region.associations = ["tr-attach-1": SimulatedLink(link: CloudRouteTableLink(attachmentId: "tr-attach-1", routeTableId: "vtb-1", status: .pending), readyAt: ready)]
        region.propagations = ["tr-attach-2": SimulatedLink(link: CloudRouteTableLink(attachmentId: "tr-attach-2", routeTableId: "vtb-1", status: .active), readyAt: nil)]
        region.grants = [CloudGrant(vpnId: "vco-1", cenId: "cen-9", cenOwnerUid: "1234567890", payer: .cenOwner)]

        var snapshot = CloudSnapshot()
        snapshot.regions = ["cn-hangzhou": region, "eu-central-1": RegionSnapshot()]
        snapshot.serviceLinkedRoleCreations = 1
        snapshot.idempotency = [
            "cn-hangzhou|CreateVpnConnection|tok-1": IdempotencyRecord(fingerprint: "ab12", createdId: "vco-1", requestId: "REQ-1"),
            "cn-hangzhou|ModifyVpnConnectionAttribute|tok-2": IdempotencyRecord(fingerprint: "cd34", createdId: nil, requestId: nil),
        ]
        return snapshot
    }

    @Test func readsEveryKeyTheCloudWrites() throws {
        let data = try CanonicalJSON.encode(Self.fullSnapshot, dates: .deferredToDate)
        let viaTape = try JSONTapeDecoder().decode(CloudSnapshot.self, from: data)
        let viaFoundation = try JSONDecoder().decode(CloudSnapshot.self, from: data)
        // The snapshot is not `Equatable`: its canonical bytes stand for it.
        #expect(try CanonicalJSON.encode(viaTape, dates: .deferredToDate) == data)
        #expect(try CanonicalJSON.encode(viaFoundation, dates: .deferredToDate) == data)
        #expect(viaTape.regions["cn-hangzhou"]?.connections["vco-1"]?.pending?.readyAt == Date(timeIntervalSinceReferenceDate: 812_345_678.25))
    }

    @Test func aDamagedObjectIsAnErrorNamingIt() throws {
        let text = String(decoding: try CanonicalJSON.encode(Self.fullSnapshot, dates: .deferredToDate), as: UTF8.self)
            .replacingOccurrences(of: "\"Attaching\"", with: "\"Sideways\"")
        do {
            _ = try JSONTapeDecoder().decode(CloudSnapshot.self, from: Data(text.utf8))
            Issue.record("read an attachment status the cloud does not have")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.codingPath.map(\.stringValue) == ["regions", "cn-hangzhou", "attachments", "tr-attach-1", "attachment", "status"])
        }
    }
}
