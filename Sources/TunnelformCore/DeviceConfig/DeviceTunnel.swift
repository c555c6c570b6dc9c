/// One tunnel with its declaration, its cloud endpoint and its customer gateway resolved, and the
/// identities and BGP addresses of both ends worked out once for every renderer.
public struct DeviceTunnel: Sendable, Hashable {
    /// 1 or 2.
    public var index: Int
    public var tunnel: Tunnel
    public var endpoint: TunnelEndpoint
    public var customerGateway: CustomerGateway

    /// The name of the connection and child sections in swanctl.conf: the tunnel id.
    public var sectionName: String { endpoint.tunnelId }

    /// The cloud gateway's IKE identity: `ike.localId`, or the tunnel's gateway IP.
    public var cloudIdentity: String { tunnel.ike.localId ?? endpoint.gatewayIp.description }

    /// The customer gateway's IKE identity: `ike.remoteId`, or the customer gateway's IP.
    public var customerIdentity: String { tunnel.ike.remoteId ?? customerGateway.ipAddress.description }

    /// The cloud's BGP address inside the tunnel /30, when BGP is configured for the tunnel.
    public var cloudBgpIp: IPv4Address? { tunnel.bgp?.localIp }

    /// The customer's BGP address: the other usable host of the tunnel /30.
    public var customerBgpIp: IPv4Address? {
        guard let bgp = tunnel.bgp else { return nil }
        let network = bgp.tunnelCidr.normalized
        let first = IPv4Address(network.networkAddress.value &+ 1)
        let second = IPv4Address(network.networkAddress.value &+ 2)
        return bgp.localIp == first ? second : first
    }
}

extension DeviceConfigInput {
    /// The two tunnels, checked: endpoints in order and matching the declared tunnels, customer
    /// gateways known, BGP complete when enabled, and every value safe to write into a file.
    public func resolvedTunnels() throws(DeviceConfigError) -> [DeviceTunnel] {
        guard tunnels.count == connection.tunnels.count else {
            throw .tunnelCount(declared: connection.tunnels.count, endpoints: tunnels.count)
        }
        var resolved: [DeviceTunnel] = []
        for (position, endpoint) in tunnels.enumerated() {
            let index = position + 1
            guard endpoint.index == index else { throw .tunnelOrder(position: position, index: endpoint.index) }
            let tunnel = connection.tunnels[position]
            guard let gateway = customerGateways[tunnel.customerGateway] else {
                throw .unknownCustomerGateway(tunnel: index, name: tunnel.customerGateway)
            }
            guard Self.isSectionName(endpoint.tunnelId) else { throw .unusableTunnelId(tunnel: index, id: endpoint.tunnelId) }
            guard !endpoint.preSharedKey.isEmpty,
                  !endpoint.preSharedKey.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else { throw .unusablePreSharedKey(tunnel: index) }
            let device = DeviceTunnel(index: index, tunnel: tunnel, endpoint: endpoint, customerGateway: gateway)
            for identity in [device.cloudIdentity, device.customerIdentity] where !Self.isPlainWord(identity) {
                throw .unusableIdentity(tunnel: index, identity: identity)
            }
            if connection.bgp.enabled {
                guard tunnel.bgp != nil else { throw .missingTunnelBGP(tunnel: index) }
                guard gateway.asn != nil else { throw .missingGatewayASN(gateway: gateway.name) }
            }
            resolved.append(device)
        }
        return resolved
    }

    /// A connection's traffic selectors from the customer's side: its own networks are the
    /// cloud's remote networks. Both are 0.0.0.0/0 in destination routing mode.
    public var customerLocalSubnets: [IPv4Network] { connection.wireRemoteSubnets }
    public var customerRemoteSubnets: [IPv4Network] { connection.wireLocalSubnets }

    static func isSectionName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    static func isPlainWord(_ text: String) -> Bool {
        !text.isEmpty && !text.unicodeScalars.contains { scalar in
            scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                || "\"'{}#=,;\\".unicodeScalars.contains(scalar)
        }
    }
}
