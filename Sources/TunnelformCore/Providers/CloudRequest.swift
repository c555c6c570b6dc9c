/// One mutating call to the cloud, with every id resolved and every secret value filled in.
///
/// Requests hold secret values, so they are built just before the call from the plan (which
/// holds none) and are never encoded or printed.
public enum CloudRequest: Sendable, Hashable {
    case createCustomerGateway(region: String, CustomerGatewaySpec)
    case modifyCustomerGateway(region: String, id: String, CustomerGatewaySpec)
    case deleteCustomerGateway(region: String, id: String)
    /// `CreateVpnAttachment`: a dual-tunnel connection, created unbound.
    case createConnection(region: String, ConnectionSpec)
    /// `ModifyVpnAttachmentAttribute`: both tunnels in one call. A tunnel whose `ike` is nil keeps its IKE
    /// settings and key; one whose `ike` is set and whose key is nil gets a new random key from the cloud,
    /// so the apply engine sends `ConnectionSpec.narrowed(against:)` instead of the spec as planned.
    case modifyConnection(region: String, id: String, ConnectionSpec)
    case deleteConnection(region: String, id: String)
    case createTransitRouterAttachment(region: String, connectionId: String, cenId: String, autoPublishRoutes: Bool)
    case updateTransitRouterAttachment(region: String, attachmentId: String, autoPublishRoutes: Bool)
    case deleteTransitRouterAttachment(region: String, attachmentId: String)
    /// Associates the attachment with its transit router's default route table.
    case associateDefaultRouteTable(region: String, attachmentId: String)
    case dissociateDefaultRouteTable(region: String, attachmentId: String)
    /// Enables propagation of the attachment's routes to the default route table.
    case enableDefaultRouteTablePropagation(region: String, attachmentId: String)
    case disableDefaultRouteTablePropagation(region: String, attachmentId: String)
    case grant(region: String, connectionId: String, cenId: String, cenOwnerUid: String, payer: Payer)
    case revoke(region: String, connectionId: String, cenId: String, cenOwnerUid: String)

    /// The API action name, for messages and progress lines.
    public var action: String {
        switch self {
        case .createCustomerGateway: "CreateCustomerGateway"
        case .modifyCustomerGateway: "ModifyCustomerGatewayAttribute"
        case .deleteCustomerGateway: "DeleteCustomerGateway"
        case .createConnection: "CreateVpnAttachment"
        case .modifyConnection: "ModifyVpnAttachmentAttribute"
        case .deleteConnection: "DeleteVpnAttachment"
        case .createTransitRouterAttachment: "CreateTransitRouterVpnAttachment"
        case .updateTransitRouterAttachment: "UpdateTransitRouterVpnAttachmentAttribute"
        case .deleteTransitRouterAttachment: "DeleteTransitRouterVpnAttachment"
        case .associateDefaultRouteTable: "AssociateTransitRouterAttachmentWithRouteTable"
        case .dissociateDefaultRouteTable: "DissociateTransitRouterAttachmentFromRouteTable"
        case .enableDefaultRouteTablePropagation: "EnableTransitRouterRouteTablePropagation"
        case .disableDefaultRouteTablePropagation: "DisableTransitRouterRouteTablePropagation"
        case .grant: "GrantInstanceToTransitRouter"
        case .revoke: "RevokeInstanceFromTransitRouter"
        }
    }

    public var region: String {
        switch self {
        case .createCustomerGateway(let region, _), .modifyCustomerGateway(let region, _, _), .deleteCustomerGateway(let region, _),
             .createConnection(let region, _), .modifyConnection(let region, _, _), .deleteConnection(let region, _),
             .createTransitRouterAttachment(let region, _, _, _), .updateTransitRouterAttachment(let region, _, _),
             .deleteTransitRouterAttachment(let region, _), .associateDefaultRouteTable(let region, _),
             .dissociateDefaultRouteTable(let region, _), .enableDefaultRouteTablePropagation(let region, _),
             .disableDefaultRouteTablePropagation(let region, _), .grant(let region, _, _, _, _), .revoke(let region, _, _, _):
            region
        }
    }
}

/// The attributes of a customer gateway as sent to the cloud.
public struct CustomerGatewaySpec: Sendable, Hashable {
    public var name: String
    public var ipAddress: IPv4Address
    public var asn: ASN?
    /// The resolved BGP auth key value.
    public var authKey: String?
    public var description: String?
    public var tags: [String: String]

    public init(name: String, ipAddress: IPv4Address, asn: ASN?, authKey: String?, description: String?, tags: [String: String]) {
        self.name = name
        self.ipAddress = ipAddress
        self.asn = asn
        self.authKey = authKey
        self.description = description
        self.tags = tags
    }
}

/// The attributes of a dual-tunnel connection as sent to the cloud; defaults always explicit.
public struct ConnectionSpec: Sendable, Hashable {
    public var name: String
    public var gatewayType: GatewayType
    public var localSubnets: [IPv4Network]
    public var remoteSubnets: [IPv4Network]
    public var effectImmediately: Bool
    public var enableTunnelsBgp: Bool
    public var tunnelBandwidth: TunnelBandwidth
    public var resourceGroupId: String?
    public var tags: [String: String]
    /// Exactly two.
    public var tunnels: [TunnelSpec]

    public init(name: String, gatewayType: GatewayType, localSubnets: [IPv4Network], remoteSubnets: [IPv4Network],
                effectImmediately: Bool, enableTunnelsBgp: Bool, tunnelBandwidth: TunnelBandwidth, resourceGroupId: String?,
                tags: [String: String], tunnels: [TunnelSpec]) {
        self.name = name
        self.gatewayType = gatewayType
        self.localSubnets = localSubnets
        self.remoteSubnets = remoteSubnets
        self.effectImmediately = effectImmediately
        self.enableTunnelsBgp = enableTunnelsBgp
        self.tunnelBandwidth = tunnelBandwidth
        self.resourceGroupId = resourceGroupId
        self.tags = tags
        self.tunnels = tunnels
    }
}

/// One tunnel of a `ConnectionSpec`.
public struct TunnelSpec: Sendable, Hashable {
    /// The existing tunnel's id on modify; nil on create.
    public var id: String?
    /// 1 or 2.
    public var index: Int
    public var customerGatewayId: String
    /// The resolved key, sent inside the IKE block (`TunnelIkeConfig.Psk`). Nil with an IKE block makes
    /// the cloud generate a random 16-character key, on create as on modify.
    public var preSharedKey: String?
    /// Phase 1 settings (`TunnelIkeConfig`). Nil only on a modify: the block is not sent, and the tunnel
    /// keeps its IKE settings and its key.
    public var ike: IKEConfig?
    public var ipsec: IPsecConfig
    public var dpd: Bool
    public var natTraversal: Bool
    /// The BGP settings with the connection's local ASN.
    public var bgp: TunnelBGP?
    public var localAsn: ASN

    public init(id: String?, index: Int, customerGatewayId: String, preSharedKey: String?, ike: IKEConfig?, ipsec: IPsecConfig,
                dpd: Bool, natTraversal: Bool, bgp: TunnelBGP?, localAsn: ASN) {
        self.id = id
        self.index = index
        self.customerGatewayId = customerGatewayId
        self.preSharedKey = preSharedKey
        self.ike = ike
        self.ipsec = ipsec
        self.dpd = dpd
        self.natTraversal = natTraversal
        self.bgp = bgp
        self.localAsn = localAsn
    }
}
