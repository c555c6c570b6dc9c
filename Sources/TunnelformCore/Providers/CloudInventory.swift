/// Everything a provider observed in one region, in the cloud's own vocabulary.
///
/// Secret values the cloud returns (pre-shared keys, BGP auth keys) live here in memory only;
/// the state stores digests of them and no view prints them unless asked to.
public struct CloudInventory: Sendable, Equatable, Codable {
    public var region: String
    public var customerGateways: [CloudCustomerGateway]
    public var connections: [CloudConnection]
    public var transitRouterAttachments: [CloudTransitRouterAttachment]
    public var routeTableAssociations: [CloudRouteTableLink]
    public var routeTablePropagations: [CloudRouteTableLink]
    public var grants: [CloudGrant]

    public init(
        region: String, customerGateways: [CloudCustomerGateway] = [], connections: [CloudConnection] = [],
        transitRouterAttachments: [CloudTransitRouterAttachment] = [], routeTableAssociations: [CloudRouteTableLink] = [],
        routeTablePropagations: [CloudRouteTableLink] = [], grants: [CloudGrant] = []
    ) {
        self.region = region
        self.customerGateways = customerGateways
        self.connections = connections
        self.transitRouterAttachments = transitRouterAttachments
        self.routeTableAssociations = routeTableAssociations
        self.routeTablePropagations = routeTablePropagations
        self.grants = grants
    }

    public func customerGateway(_ id: String) -> CloudCustomerGateway? { customerGateways.first { $0.id == id } }
    public func connection(_ id: String) -> CloudConnection? { connections.first { $0.id == id } }
    public func attachment(_ id: String) -> CloudTransitRouterAttachment? { transitRouterAttachments.first { $0.id == id } }
    public func attachment(forConnection id: String) -> CloudTransitRouterAttachment? {
        transitRouterAttachments.first { $0.vpnId == id }
    }
}

/// A customer gateway (`cgw-…`) as the cloud describes it.
public struct CloudCustomerGateway: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var ipAddress: IPv4Address
    public var asn: ASN?
    public var authKey: String?
    public var description: String?
    public var tags: [String: String]
    public var createTime: Int64

    public init(id: String, name: String, ipAddress: IPv4Address, asn: ASN?, authKey: String?, description: String?,
                tags: [String: String], createTime: Int64) {
        self.id = id
        self.name = name
        self.ipAddress = ipAddress
        self.asn = asn
        self.authKey = authKey
        self.description = description
        self.tags = tags
        self.createTime = createTime
    }
}

/// The connection-level lifecycle state (`State` in the API).
public enum ConnectionState: String, Sendable, Codable, CaseIterable {
    case `init`, attaching, attached, updating, detaching, active, provisioning, deleted

    /// A state that will change by itself; modifications are refused until it settles.
    public var isTransient: Bool { [.attaching, .updating, .detaching, .provisioning].contains(self) }
}

/// The IKE/IPsec negotiation status (`Status` in the API), as the console words it.
public enum NegotiationStatus: String, Sendable, Codable, CaseIterable {
    case ikeSANotEstablished = "ike_sa_not_established"
    case ikeSAEstablished = "ike_sa_established"
    case ipsecSANotEstablished = "ipsec_sa_not_established"
    case ipsecSAEstablished = "ipsec_sa_established"

    public var consoleText: String {
        switch self {
        case .ikeSANotEstablished: "Phase 1 negotiations failed or not started"
        case .ikeSAEstablished: "Phase 1 negotiations succeeded"
        case .ipsecSANotEstablished: "Phase 2 negotiations failed"
        case .ipsecSAEstablished: "Phase 2 negotiations succeeded"
        }
    }
}

/// A tunnel's own state (`active`, `updating`, `deleting`), shown as Normal, Updating, Deleting.
public enum TunnelState: String, Sendable, Codable, CaseIterable {
    case active, updating, deleting

    public var consoleText: String {
        switch self {
        case .active: "Normal"
        case .updating: "Updating"
        case .deleting: "Deleting"
        }
    }
}

/// An IPsec-VPN connection (`vco-…`) in dual-tunnel mode as the cloud describes it.
public struct CloudConnection: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var state: ConnectionState
    public var gatewayType: GatewayType
    public var localSubnets: [IPv4Network]
    public var remoteSubnets: [IPv4Network]
    public var effectImmediately: Bool
    public var enableTunnelsBgp: Bool
    public var tunnelBandwidth: TunnelBandwidth
    public var resourceGroupId: String?
    public var tags: [String: String]
    /// The transit router the connection is attached to, when attached.
    public var transitRouterId: String?
    /// The CEN instance of that transit router (`AttachInstanceId`).
    public var cenId: String?
    public var crossAccountAuthorized: Bool
    public var tunnels: [CloudTunnel]
    public var createTime: Int64

    public init(id: String, name: String, state: ConnectionState, gatewayType: GatewayType, localSubnets: [IPv4Network],
                remoteSubnets: [IPv4Network], effectImmediately: Bool, enableTunnelsBgp: Bool, tunnelBandwidth: TunnelBandwidth,
                resourceGroupId: String?, tags: [String: String], transitRouterId: String?, cenId: String?,
                crossAccountAuthorized: Bool, tunnels: [CloudTunnel], createTime: Int64) {
        self.id = id
        self.name = name
        self.state = state
        self.gatewayType = gatewayType
        self.localSubnets = localSubnets
        self.remoteSubnets = remoteSubnets
        self.effectImmediately = effectImmediately
        self.enableTunnelsBgp = enableTunnelsBgp
        self.tunnelBandwidth = tunnelBandwidth
        self.resourceGroupId = resourceGroupId
        self.tags = tags
        self.transitRouterId = transitRouterId
        self.cenId = cenId
        self.crossAccountAuthorized = crossAccountAuthorized
        self.tunnels = tunnels
        self.createTime = createTime
    }
}

/// One tunnel (`tun-…`) of a cloud connection.
public struct CloudTunnel: Sendable, Equatable, Codable {
    public var id: String
    /// 1 or 2.
    public var index: Int
    public var customerGatewayId: String
    public var state: TunnelState
    public var status: NegotiationStatus
    /// Allocated only once the connection is attached to a transit router.
    public var gatewayIp: IPv4Address?
    public var preSharedKey: String
    /// `localId`/`remoteId` as the cloud reports them (filled with the defaults once known).
    public var ike: IKEConfig
    public var ipsec: IPsecConfig
    public var dpd: Bool
    public var natTraversal: Bool
    public var bgp: TunnelBGP?
    public var bgpStatus: String?
    /// The cloud side's BGP ASN on this tunnel (`TunnelBgpConfig.LocalAsn`); nil when the cloud did not report one.
    public var localAsn: ASN?

    public init(id: String, index: Int, customerGatewayId: String, state: TunnelState, status: NegotiationStatus,
                gatewayIp: IPv4Address?, preSharedKey: String, ike: IKEConfig, ipsec: IPsecConfig, dpd: Bool,
                natTraversal: Bool, bgp: TunnelBGP?, bgpStatus: String?, localAsn: ASN? = nil) {
        self.id = id
        self.index = index
        self.customerGatewayId = customerGatewayId
        self.state = state
        self.status = status
        self.gatewayIp = gatewayIp
        self.preSharedKey = preSharedKey
        self.ike = ike
        self.ipsec = ipsec
        self.dpd = dpd
        self.natTraversal = natTraversal
        self.bgp = bgp
        self.bgpStatus = bgpStatus
        self.localAsn = localAsn
    }
}

/// The transit router's status for a VPN attachment (`Attaching`, `Attached`, `Detaching`).
public enum AttachmentStatus: String, Sendable, Codable { case attaching = "Attaching", attached = "Attached", detaching = "Detaching" }

/// A transit-router VPN attachment (`tr-attach-…`).
public struct CloudTransitRouterAttachment: Sendable, Equatable, Codable {
    public var id: String
    public var vpnId: String
    public var cenId: String
    public var transitRouterId: String
    public var status: AttachmentStatus
    public var autoPublishRouteEnabled: Bool

    public init(id: String, vpnId: String, cenId: String, transitRouterId: String, status: AttachmentStatus, autoPublishRouteEnabled: Bool) {
        self.id = id
        self.vpnId = vpnId
        self.cenId = cenId
        self.transitRouterId = transitRouterId
        self.status = status
        self.autoPublishRouteEnabled = autoPublishRouteEnabled
    }
}

/// The status of a route-table association or propagation.
public enum RouteTableLinkStatus: String, Sendable, Codable {
    case pending = "Pending"
    case active = "Active"
    case removing = "Removing"
}

/// An attachment's association with, or propagation to, a transit router route table (`vtb-…`).
public struct CloudRouteTableLink: Sendable, Equatable, Codable {
    public var attachmentId: String
    public var routeTableId: String
    public var status: RouteTableLinkStatus

    public init(attachmentId: String, routeTableId: String, status: RouteTableLinkStatus) {
        self.attachmentId = attachmentId
        self.routeTableId = routeTableId
        self.status = status
    }
}

/// A grant of a connection to another account's CEN instance.
public struct CloudGrant: Sendable, Equatable, Codable {
    public var vpnId: String
    public var cenId: String
    public var cenOwnerUid: String
    public var payer: Payer

    public init(vpnId: String, cenId: String, cenOwnerUid: String, payer: Payer) {
        self.vpnId = vpnId
        self.cenId = cenId
        self.cenOwnerUid = cenOwnerUid
        self.payer = payer
    }
}
