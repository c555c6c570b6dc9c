import Foundation
import TunnelformCore
import TunnelformSimulator

/// Renders the simulated cloud's objects in the exact JSON shapes of `alibaba-api.md` §3: XML-derived
/// wrappers (`Tags.Tag[]` on single objects, `Tag.Tag[]` in `DescribeVpnConnections`), tunnel
/// booleans and numbers as strings in Describe views, `CreateTime` in epoch milliseconds, CEN
/// `CreationTime` without seconds, and the link statuses in CEN's words.
enum WireView {
    static func tags(_ tags: [String: String], wrapper: String) -> [String: JSONValue] {
        let items: [JSONValue] = tags.keys.sorted().map { .object(["Key": .string($0), "Value": .string(tags[$0] ?? "")]) }
        return [wrapper: .object(["Tag": .array(items)])]
    }

    static func customerGateway(_ gateway: CloudCustomerGateway) -> [String: JSONValue] {
        var members: [String: JSONValue] = [
            "CustomerGatewayId": .string(gateway.id), "IpAddress": .string(gateway.ipAddress.description),
            "Name": .string(gateway.name), "Description": .string(gateway.description ?? ""),
            "CreateTime": .integer(gateway.createTime), "ResourceGroupId": .string(""),
        ]
        if let asn = gateway.asn { members["Asn"] = .integer(Int64(asn.value)) }
        if let authKey = gateway.authKey { members["AuthKey"] = .string(authKey) }
        return members.merging(tags(gateway.tags, wrapper: "Tags")) { first, _ in first }
    }

    /// The connection as `DescribeVpnConnection` (`Tags.Tag`) or a `DescribeVpnConnections` item
    /// (`Tag.Tag`) reports it; `gateways` gives the peers' ASNs for `TunnelBgpConfig.PeerAsn`.
    static func connection(_ connection: CloudConnection, gateways: [String: CloudCustomerGateway], tagWrapper: String)
        -> [String: JSONValue] {
        var members = connectionTopLevel(connection)
        // The list item's model (DescribeVpnConnectionsResponseBody…VpnConnection) has no top-level ZoneNo.
        if tagWrapper == "Tag" { members["ZoneNo"] = nil }
        members["TunnelOptionsSpecification"] = .object([
            "TunnelOptions": .array(connection.tunnels.map { .object(tunnel($0, gateways: gateways, stringly: true)) }),
        ])
        return members.merging(tags(connection.tags, wrapper: tagWrapper)) { first, _ in first }
    }

    /// The `ModifyVpnAttachmentAttribute` response: a plain `TunnelOptionsSpecification[]`, real booleans and
    /// numbers, and only the keys its SDK model has (no `State`, `Tags`, transit-router fields, tunnel `Status`,
    /// `ZoneNo`, `RemoteCaCertificate` or `BgpStatus`; `Description` is the connection's, empty).
    static func modifiedConnection(_ connection: CloudConnection, gateways: [String: CloudCustomerGateway]) -> [String: JSONValue] {
        let kept: Set<String> = [
            "VpnConnectionId", "Name", "CreateTime", "NetworkType", "LocalSubnet", "RemoteSubnet", "EffectImmediately", "EnableTunnelsBgp",
            "Spec", "ResourceGroupId", "Status", "AttachType", "AttachInstanceId", "VpnGatewayId", "CustomerGatewayId",
        ]
        var members = connectionTopLevel(connection).filter { kept.contains($0.key) }
        members["Description"] = .string("")
        let tunnelKeys: Set<String> = [
            "TunnelId", "TunnelIndex", "Role", "State", "CustomerGatewayId", "InternetIp", "EnableDpd", "EnableNatTraversal",
            "TunnelIkeConfig", "TunnelIpsecConfig", "TunnelBgpConfig",
        ]
        members["TunnelOptionsSpecification"] = .array(connection.tunnels.map { cloudTunnel in
            var item = tunnel(cloudTunnel, gateways: gateways, stringly: false).filter { tunnelKeys.contains($0.key) }
            if case .object(var bgp)? = item["TunnelBgpConfig"] {
                bgp["BgpStatus"] = nil
                item["TunnelBgpConfig"] = .object(bgp)
            }
            return .object(item)
        })
        return members
    }

    private static func connectionTopLevel(_ connection: CloudConnection) -> [String: JSONValue] {
        let attached = connection.transitRouterId != nil
        let statuses = connection.tunnels.map(\.status)
        let status = statuses.allSatisfy { $0 == .ipsecSAEstablished } && !statuses.isEmpty
            ? NegotiationStatus.ipsecSAEstablished : (statuses.first ?? .ikeSANotEstablished)
        return [
            "VpnConnectionId": .string(connection.id), "Name": .string(connection.name), "CreateTime": .integer(connection.createTime),
            "NetworkType": .string(connection.gatewayType.rawValue),
            "LocalSubnet": .string(connection.localSubnets.map(\.description).joined(separator: ",")),
            "RemoteSubnet": .string(connection.remoteSubnets.map(\.description).joined(separator: ",")),
            "EffectImmediately": .bool(connection.effectImmediately), "EnableTunnelsBgp": .bool(connection.enableTunnelsBgp),
            "TunnelBandwidth": .string(connection.tunnelBandwidth == .large ? "Large" : "Standard"),
            "Spec": .string(connection.tunnelBandwidth == .large ? "3000M" : "1000M"),
            "InternetIp": .string(connection.tunnels.first?.gatewayIp?.description ?? ""), "ZoneNo": .string(""),
            "ResourceGroupId": .string(connection.resourceGroupId ?? ""),
            "State": .string(connection.state.rawValue), "Status": .string(status.rawValue),
            "AttachType": .string(attached ? "CEN" : "NO_ASSOCIATED"), "AttachInstanceId": .string(connection.cenId ?? ""),
            "TransitRouterId": .string(connection.transitRouterId ?? ""), "TransitRouterName": .string(""),
            "CrossAccountAuthorized": .bool(connection.crossAccountAuthorized), "VpnGatewayId": .string(""),
            "CustomerGatewayId": .string(""),
        ]
    }

    /// One tunnel; in Describe views (`stringly`) every leaf but `TunnelIndex` (an integer in every model) is a
    /// string, as the SDK types them.
    static func tunnel(_ tunnel: CloudTunnel, gateways: [String: CloudCustomerGateway], stringly: Bool) -> [String: JSONValue] {
        func flag(_ value: Bool) -> JSONValue { stringly ? .string(value ? "true" : "false") : .bool(value) }
        func number(_ value: Int) -> JSONValue { stringly ? .string(String(value)) : .integer(Int64(value)) }
        let ike = tunnel.ike
        let ipsec = tunnel.ipsec
        var bgp: [String: JSONValue] = [:]
        if let config = tunnel.bgp {
            bgp["TunnelCidr"] = .string(config.tunnelCidr.description)
            bgp["LocalBgpIp"] = .string(config.localIp.description)
            bgp["PeerBgpIp"] = .string(peerAddress(of: config)?.description ?? "")
            if let asn = gateways[tunnel.customerGatewayId]?.asn { bgp["PeerAsn"] = stringly ? .string(asn.description) : .integer(Int64(asn.value)) }
            let localAsn = tunnel.localAsn ?? .cloudDefault
            bgp["LocalAsn"] = stringly ? .string(String(localAsn.value)) : .integer(Int64(localAsn.value))
        }
        if let status = tunnel.bgpStatus { bgp["BgpStatus"] = .string(status) }
        return [
            "TunnelId": .string(tunnel.id), "TunnelIndex": .integer(Int64(tunnel.index)), "Role": .string(tunnel.index == 1 ? "master" : "slave"),
            "State": .string(tunnel.state.rawValue), "Status": .string(tunnel.status.rawValue),
            "CustomerGatewayId": .string(tunnel.customerGatewayId), "InternetIp": .string(tunnel.gatewayIp?.description ?? ""),
            "ZoneNo": .string(""), "RemoteCaCertificate": .string(""),
            "EnableDpd": flag(tunnel.dpd), "EnableNatTraversal": flag(tunnel.natTraversal),
            "TunnelIkeConfig": .object([
                "IkeAuthAlg": .string(ike.authentication.rawValue), "IkeEncAlg": .string(ike.encryption.rawValue),
                "IkeLifetime": number(ike.lifetime), "IkeMode": .string(ike.mode.rawValue), "IkePfs": .string(ike.dhGroup.rawValue),
                "IkeVersion": .string(ike.version.rawValue), "LocalId": .string(ike.localId ?? ""), "Psk": .string(tunnel.preSharedKey),
                "RemoteId": .string(ike.remoteId ?? ""),
            ]),
            "TunnelIpsecConfig": .object([
                "IpsecAuthAlg": .string(ipsec.authentication.rawValue), "IpsecEncAlg": .string(ipsec.encryption.rawValue),
                "IpsecLifetime": number(ipsec.lifetime), "IpsecPfs": .string(ipsec.dhGroup.rawValue),
            ]),
            "TunnelBgpConfig": .object(bgp),
        ]
    }

    /// The other usable address of a tunnel's /30: the customer side of the BGP session.
    static func peerAddress(of bgp: TunnelBGP) -> IPv4Address? {
        let network = bgp.tunnelCidr.networkAddress.value
        let broadcast = bgp.tunnelCidr.broadcastAddress.value
        guard broadcast > network + 1 else { return nil }
        return (network + 1...broadcast - 1).lazy.map { IPv4Address($0) }.first { $0 != bgp.localIp }
    }

    static func attachment(_ attachment: CloudTransitRouterAttachment, region: String, ownerId: String, created: Date) -> [String: JSONValue] {
        [
            "TransitRouterAttachmentId": .string(attachment.id), "TransitRouterId": .string(attachment.transitRouterId),
            "CenId": .string(attachment.cenId), "VpnId": .string(attachment.vpnId), "VpnOwnerId": .integer(Int64(ownerId) ?? 0),
            "VpnRegionId": .string(region), "Status": .string(attachment.status.rawValue), "ResourceType": .string("VPN"),
            "ChargeType": .string("POSTPAY"), "AutoPublishRouteEnabled": .bool(attachment.autoPublishRouteEnabled),
            "CreationTime": .string(TimestampParser.cenCreationTime(created)), "TransitRouterAttachmentName": .string(""),
            "TransitRouterAttachmentDescription": .string(""), "Tags": .array([]), "Zones": .array([]),
        ]
    }

    /// Which of an attachment's two route-table links, and its status words.
    enum LinkKind: Sendable {
        case association, propagation

        func statusWord(_ status: RouteTableLinkStatus) -> String {
            switch (self, status) {
            case (.association, .pending): "Associating"
            case (.association, .removing): "Dissociating"
            case (.propagation, .pending): "Enabling"
            case (.propagation, .removing): "Disabling"
            case (_, .active): "Active"
            }
        }
    }

    static func link(_ link: CloudRouteTableLink, kind: LinkKind, vpnId: String) -> [String: JSONValue] {
        [
            "TransitRouterAttachmentId": .string(link.attachmentId), "TransitRouterRouteTableId": .string(link.routeTableId),
            "ResourceId": .string(vpnId), "ResourceType": .string("VPN"), "Status": .string(kind.statusWord(link.status)),
        ]
    }

    static func grant(_ grant: CloudGrant, ownerId: String) -> [String: JSONValue] {
        [
            "AliUid": .integer(Int64(ownerId) ?? 0), "BindInstance": .string(grant.cenId), "BindProduct": .string("CEN"),
            "BindUid": Int64(grant.cenOwnerUid).map(JSONValue.integer) ?? .string(grant.cenOwnerUid), "CreationTime": .integer(0),
            "VpnConnectionId": .string(grant.vpnId),
        ]
    }
}
