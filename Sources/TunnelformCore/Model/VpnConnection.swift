/// An IPsec-VPN connection in dual-tunnel mode bound to a CEN transit router, with every
/// default of `domain-rules.md` applied.
public struct VpnConnection: Hashable, Sendable, Codable {
    public var name: String
    public var region: String
    public var resourceGroup: String?
    public var gatewayType: GatewayType
    public var bind: Binding
    public var routingMode: RoutingMode
    /// The Alibaba Cloud side's CIDR blocks; empty in destination routing mode.
    public var localNetworks: [IPv4Network]
    /// The data-center side's CIDR blocks; empty in destination routing mode.
    public var remoteNetworks: [IPv4Network]
    public var effectImmediately: Bool
    public var tunnelBandwidth: TunnelBandwidth
    public var tags: [String: String]
    public var bgp: ConnectionBGP
    public var routes: RouteOptions
    /// Tunnel 1 and tunnel 2, in that order. Validation guarantees exactly two.
    public var tunnels: [Tunnel]
    /// How a replacement is carried out; nil chooses create-before-destroy whenever it can be applied.
    /// Not a cloud attribute: it never makes a change by itself.
    public var replacement: ReplacementStrategy?

    public init(
        name: String, region: String, resourceGroup: String? = nil, gatewayType: GatewayType = .public,
        bind: Binding, routingMode: RoutingMode = .destination, localNetworks: [IPv4Network] = [],
        remoteNetworks: [IPv4Network] = [], effectImmediately: Bool = true,
        tunnelBandwidth: TunnelBandwidth = .standard, tags: [String: String] = [:],
        bgp: ConnectionBGP = ConnectionBGP(), routes: RouteOptions = RouteOptions(), tunnels: [Tunnel],
        replacement: ReplacementStrategy? = nil
    ) {
        self.name = name
        self.region = region
        self.resourceGroup = resourceGroup
        self.gatewayType = gatewayType
        self.bind = bind
        self.routingMode = routingMode
        self.localNetworks = localNetworks
        self.remoteNetworks = remoteNetworks
        self.effectImmediately = effectImmediately
        self.tunnelBandwidth = tunnelBandwidth
        self.tags = tags
        self.bgp = bgp
        self.routes = routes
        self.tunnels = tunnels
        self.replacement = replacement
    }

    public var address: ResourceAddress { ResourceAddress(.vpnConnection, name) }

    /// The subnets sent on the wire: `0.0.0.0/0` on both sides in destination routing mode.
    public var wireLocalSubnets: [IPv4Network] {
        routingMode == .destination ? [.any] : localNetworks
    }

    public var wireRemoteSubnets: [IPv4Network] {
        routingMode == .destination ? [.any] : remoteNetworks
    }
}

extension VpnConnection {
    /// The tunnel CIDR blocks the cloud holds for this connection (only with BGP on): no other connection
    /// of the region may use them while it exists.
    public var tunnelCidrsInUse: [IPv4Network] {
        bgp.enabled ? tunnels.compactMap(\.bgp?.tunnelCidr) : []
    }
}

extension IPv4Network {
    /// `0.0.0.0/0`.
    public static let any = IPv4Network(address: IPv4Address(0), prefixLength: 0)
}

/// What the connection is bound to: a transit router of this account, or another account's CEN.
public enum Binding: Hashable, Sendable, Codable {
    case currentAccount(cenId: String)
    case crossAccount(cenId: String, cenOwnerUid: String, payer: Payer)

    public var cenId: String {
        switch self {
        case .currentAccount(let cenId), .crossAccount(let cenId, _, _): cenId
        }
    }

    public var isCurrentAccount: Bool {
        if case .currentAccount = self { return true }
        return false
    }
}

/// Connection-level BGP: on or off, and the cloud side's ASN used by both tunnels.
public struct ConnectionBGP: Hashable, Sendable, Codable {
    public var enabled: Bool
    public var localAsn: ASN

    public init(enabled: Bool = false, localAsn: ASN = .cloudDefault) {
        self.enabled = enabled
        self.localAsn = localAsn
    }
}

/// The console's three advanced route settings for a current-account binding.
public struct RouteOptions: Hashable, Sendable, Codable {
    public var advertise: Bool
    public var associateDefaultRouteTable: Bool
    public var propagateToDefaultRouteTable: Bool

    public init(advertise: Bool = true, associateDefaultRouteTable: Bool = true, propagateToDefaultRouteTable: Bool = true) {
        self.advertise = advertise
        self.associateDefaultRouteTable = associateDefaultRouteTable
        self.propagateToDefaultRouteTable = propagateToDefaultRouteTable
    }
}
