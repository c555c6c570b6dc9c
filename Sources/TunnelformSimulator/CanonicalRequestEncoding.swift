import Crypto
import TunnelformCore

/// An unambiguous byte encoding of a request (length-prefixed fields in a fixed order, tags sorted), so two
/// requests have the same fingerprint exactly when they are the same request.
struct CanonicalRequestEncoding {
    private(set) var bytes: [UInt8] = []

    mutating func add(_ text: String) {
        let utf8 = Array(text.utf8)
        bytes += Array("\(utf8.count):".utf8) + utf8
    }

    mutating func add(_ text: String?) {
        if let text { add("some"); add(text) } else { add("none") }
    }

    mutating func add(_ value: some CustomStringConvertible) { add(value.description) }

    mutating func add(_ tags: [String: String]) {
        add(tags.count)
        for key in tags.keys.sorted() { add(key); add(tags[key]) }
    }

    mutating func add(_ networks: [IPv4Network]) {
        add(networks.count)
        for network in networks { add(network) }
    }

    mutating func add(_ spec: CustomerGatewaySpec) {
        add(spec.name); add(spec.ipAddress); add(spec.asn?.description); add(spec.authKey); add(spec.description); add(spec.tags)
    }

    mutating func add(_ spec: ConnectionSpec) {
        add(spec.name); add(spec.gatewayType.rawValue); add(spec.localSubnets); add(spec.remoteSubnets)
        add(spec.effectImmediately); add(spec.enableTunnelsBgp); add(spec.tunnelBandwidth.rawValue)
        add(spec.resourceGroupId); add(spec.tags); add(spec.tunnels.count)
        for tunnel in spec.tunnels { add(tunnel) }
    }

    mutating func add(_ tunnel: TunnelSpec) {
        add(tunnel.id); add(tunnel.index); add(tunnel.customerGatewayId); add(tunnel.preSharedKey)
        add(tunnel.ike != nil)
        if let ike = tunnel.ike {
            add(ike.version.rawValue); add(ike.mode.rawValue); add(ike.encryption.rawValue); add(ike.authentication.rawValue)
            add(ike.dhGroup.rawValue); add(ike.lifetime); add(ike.localId); add(ike.remoteId)
        }
        let ipsec = tunnel.ipsec
        add(ipsec.encryption.rawValue); add(ipsec.authentication.rawValue); add(ipsec.dhGroup.rawValue); add(ipsec.lifetime)
        add(tunnel.dpd); add(tunnel.natTraversal)
        add(tunnel.bgp?.tunnelCidr.description); add(tunnel.bgp?.localIp.description); add(tunnel.localAsn)
    }
}

extension CloudRequest {
    /// Hex SHA-256 of the canonical encoding; secrets go into it only hashed.
    var fingerprint: String {
        var encoding = CanonicalRequestEncoding()
        encoding.add(action)
        encoding.add(region)
        switch self {
        case .createCustomerGateway(_, let spec): encoding.add(spec)
        case .modifyCustomerGateway(_, let id, let spec): encoding.add(id); encoding.add(spec)
        case .deleteCustomerGateway(_, let id), .deleteConnection(_, let id), .deleteTransitRouterAttachment(_, let id),
             .associateDefaultRouteTable(_, let id), .dissociateDefaultRouteTable(_, let id),
             .enableDefaultRouteTablePropagation(_, let id), .disableDefaultRouteTablePropagation(_, let id):
            encoding.add(id)
        case .createConnection(_, let spec): encoding.add(spec)
        case .modifyConnection(_, let id, let spec): encoding.add(id); encoding.add(spec)
        case .createTransitRouterAttachment(_, let connectionId, let cenId, let autoPublishRoutes):
            encoding.add(connectionId); encoding.add(cenId); encoding.add(autoPublishRoutes)
        case .updateTransitRouterAttachment(_, let id, let autoPublishRoutes):
            encoding.add(id); encoding.add(autoPublishRoutes)
        case .grant(_, let connectionId, let cenId, let cenOwnerUid, let payer):
            encoding.add(connectionId); encoding.add(cenId); encoding.add(cenOwnerUid); encoding.add(payer.rawValue)
        case .revoke(_, let connectionId, let cenId, let cenOwnerUid):
            encoding.add(connectionId); encoding.add(cenId); encoding.add(cenOwnerUid)
        }
        return SHA256.hash(data: encoding.bytes).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}
