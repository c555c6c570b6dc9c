/// Reads cloud objects back into the manifest model, so that what the cloud has can be compared
/// with what was applied (drift) or declared (import).
///
/// Values the cloud fills in by itself are folded back to "not set" so they never count as a
/// difference: `ike.localId` equal to the tunnel's gateway IP, `ike.remoteId` equal to the customer
/// gateway's address, and a resource group the base leaves to the account default. What the cloud
/// does not report (region, key references, the binding) comes from `base`, and so does the connection's
/// local ASN when no tunnel reports one (`TunnelBgpConfig.LocalAsn`, returned only for BGP tunnels).
public enum ObservedModel {
    public static func customerGateway(_ cloud: CloudCustomerGateway, base: CustomerGateway) -> CustomerGateway {
        var gateway = base
        gateway.name = cloud.name
        gateway.ipAddress = cloud.ipAddress
        gateway.asn = cloud.asn
        gateway.description = cloud.description.flatMap { $0.isEmpty ? nil : $0 }
        gateway.tags = cloud.tags
        return gateway
    }

    /// `gatewayNames` maps customer gateway ids to manifest names (an unknown id stands for itself);
    /// `gatewayAddresses` maps them to their IP addresses, the default `remoteId`.
    public static func connection(_ cloud: CloudConnection, base: VpnConnection, gatewayNames: [String: String],
                                  gatewayAddresses: [String: IPv4Address]) -> VpnConnection {
        var connection = base
        connection.name = cloud.name
        connection.gatewayType = cloud.gatewayType
        connection.tunnelBandwidth = cloud.tunnelBandwidth
        connection.effectImmediately = cloud.effectImmediately
        connection.bgp.enabled = cloud.enableTunnelsBgp
        connection.tags = cloud.tags
        if base.resourceGroup != nil { connection.resourceGroup = cloud.resourceGroupId }
        if cloud.localSubnets == [.any] && cloud.remoteSubnets == [.any] {
            connection.routingMode = .destination
            connection.localNetworks = []
            connection.remoteNetworks = []
        } else {
            connection.routingMode = .protectedDataFlows
            connection.localNetworks = cloud.localSubnets
            connection.remoteNetworks = cloud.remoteSubnets
        }
        // One ASN for the connection: tunnel 1's, else tunnel 2's; a console edit of either shows as drift.
        if cloud.enableTunnelsBgp, let reported = cloud.tunnels.sorted(by: { $0.index < $1.index }).lazy.compactMap(\.localAsn).first {
            connection.bgp.localAsn = reported
        }
        let baseTunnels = base.tunnels
        connection.tunnels = cloud.tunnels.sorted { $0.index < $1.index }.map { observed in
            let position = observed.index - 1
            var tunnel = baseTunnels.indices.contains(position) ? baseTunnels[position] : Tunnel(customerGateway: "")
            tunnel.customerGateway = gatewayNames[observed.customerGatewayId] ?? observed.customerGatewayId
            var ike = observed.ike
            ike.localId = folded(ike.localId, cloudDefault: observed.gatewayIp?.description, base: tunnel.ike.localId)
            ike.remoteId = folded(ike.remoteId, cloudDefault: gatewayAddresses[observed.customerGatewayId]?.description,
                                  base: tunnel.ike.remoteId)
            tunnel.ike = ike
            tunnel.ipsec = observed.ipsec
            tunnel.dpd = observed.dpd
            tunnel.natTraversal = observed.natTraversal
            if let bgp = observed.bgp { tunnel.bgp = bgp } else if cloud.enableTunnelsBgp { tunnel.bgp = nil }
            return tunnel
        }
        return connection
    }

    /// An id the cloud reports: nil when it is the cloud's own default and the base did not set it.
    static func folded(_ observed: String?, cloudDefault: String?, base: String?) -> String? {
        guard let observed, !observed.isEmpty else { return nil }
        if observed == cloudDefault && base != observed { return nil }
        return observed
    }

    /// Whether a key the cloud returned is usable for comparison: empty or masked (`******`) keys are unknown.
    public static func isKnownKey(_ key: String?) -> Bool {
        guard let key, !key.isEmpty else { return false }
        // Bytes rather than characters: a key is all asterisks exactly when every byte is one.
        return !key.utf8.allSatisfy { $0 == UInt8(ascii: "*") }
    }
}
