import TunnelformCore

extension SimulatedCloud {
    /// The checks the API makes on CreateVpnAttachment and ModifyVpnAttachmentAttribute.
    func validate(_ spec: ConnectionSpec, region name: String, excluding id: String?) throws(CloudError) {
        try Self.validateText(spec.name, "Name", allowEmpty: true)
        guard !spec.localSubnets.isEmpty else { throw .missing("LocalSubnet") }
        guard !spec.remoteSubnets.isEmpty else { throw .missing("RemoteSubnet") }
        try Self.validateTags(spec.tags)
        guard spec.tunnels.count == 2 else {
            throw .invalid("TunnelOptionsSpecification", "dual-tunnel mode needs exactly 2 tunnels, not \(spec.tunnels.count)")
        }
        guard Set(spec.tunnels.map(\.index)) == [1, 2] else {
            throw .invalid("TunnelOptionsSpecification.N.TunnelIndex", "the tunnels must be numbered 1 and 2")
        }
        let region = region(name)
        for tunnel in spec.tunnels {
            try validate(tunnel, enableBgp: spec.enableTunnelsBgp, region: region, regionName: name)
        }
        let cidrs = spec.tunnels.compactMap { $0.bgp?.tunnelCidr }
        if cidrs.count == 2, cidrs[0] == cidrs[1] {
            throw .invalid("TunnelBgpConfig.TunnelCidr", "the two tunnels must use different blocks")
        }
        for other in region.connections.values where other.connection.id != id {
            if let shared = other.connection.tunnels.compactMap({ $0.bgp?.tunnelCidr }).first(where: cidrs.contains) {
                throw .invalid("TunnelBgpConfig.TunnelCidr", "\(shared) is already used by \(other.connection.id)")
            }
        }
    }

    private func validate(_ tunnel: TunnelSpec, enableBgp: Bool, region: RegionSnapshot, regionName: String) throws(CloudError) {
        let prefix = "TunnelOptionsSpecification.\(tunnel.index)"
        guard !tunnel.customerGatewayId.isEmpty else { throw .missing("\(prefix).CustomerGatewayId") }
        guard let gateway = region.customerGateways[tunnel.customerGatewayId] else {
            if let other = state.regions.first(where: { $0.value.customerGateways[tunnel.customerGatewayId] != nil })?.key {
                throw .invalid("\(prefix).CustomerGatewayId", "\(tunnel.customerGatewayId) is in \(other), not \(regionName)")
            }
            throw .customerGatewayNotFound(tunnel.customerGatewayId)
        }
        if let key = tunnel.preSharedKey {
            guard (1...100).contains(key.count), key.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw .invalid("\(prefix).TunnelIkeConfig.Psk", "1 to 100 visible ASCII characters without spaces")
            }
        }
        if let ike = tunnel.ike {
            guard (0...86400).contains(ike.lifetime) else { throw .invalid("\(prefix).TunnelIkeConfig.IkeLifetime", "0 to 86400") }
        }
        guard (0...86400).contains(tunnel.ipsec.lifetime) else { throw .invalid("\(prefix).TunnelIpsecConfig.IpsecLifetime", "0 to 86400") }
        for identity in [tunnel.ike?.localId, tunnel.ike?.remoteId].compactMap({ $0 }) {
            guard (1...100).contains(identity.count), !identity.contains(" ") else {
                throw .invalid("\(prefix).TunnelIkeConfig.LocalId", "1 to 100 characters without spaces")
            }
        }
        guard let bgp = tunnel.bgp else {
            if enableBgp { throw .missing("\(prefix).TunnelBgpConfig.TunnelCidr") }
            return
        }
        if enableBgp {
            guard let asn = gateway.asn else {
                throw .invalid("\(prefix).CustomerGatewayId", "BGP needs a customer gateway with an ASN; \(gateway.id) has none")
            }
            guard asn != tunnel.localAsn else { throw .invalid("\(prefix).TunnelBgpConfig.LocalAsn", "it equals the customer gateway's ASN") }
        }
        try Self.validate(bgp, prefix: prefix)
    }

    private static func validate(_ bgp: TunnelBGP, prefix: String) throws(CloudError) {
        let cidr = bgp.tunnelCidr
        let linkLocal = IPv4Network(address: IPv4Address(0xA9FE_0000), prefixLength: 16)
        let reserved = (0...6).map { IPv4Network(address: IPv4Address(0xA9FE_0000 | UInt32($0) << 8), prefixLength: 30) }
            + [IPv4Network(address: IPv4Address(0xA9FE_A9FC), prefixLength: 30)]
        guard cidr.prefixLength == 30, cidr.isNetworkAddress, linkLocal.contains(cidr), !reserved.contains(cidr) else {
            throw .invalid("\(prefix).TunnelBgpConfig.TunnelCidr", "\(cidr) is not an allowed /30 in 169.254.0.0/16")
        }
        guard cidr.contains(bgp.localIp), bgp.localIp != cidr.networkAddress, bgp.localIp != cidr.broadcastAddress else {
            throw .invalid("\(prefix).TunnelBgpConfig.LocalBgpIp", "\(bgp.localIp) is not a usable address in \(cidr)")
        }
    }
}
