/// Flattens declared objects into named attributes (`tunnel1.ike.encryption`) for diffs and
/// plan output. Secret slots are not attributes: the planner compares them by digest.
public enum Attributes {
    public typealias List = [(name: String, value: String)]

    /// Attributes whose change replaces the object instead of modifying it.
    public static let forcingReplacement: Set<String> = ["ipAddress", "asn", "gatewayType", "tunnelBandwidth"]

    public static func customerGateway(_ gateway: CustomerGateway) -> List {
        var list: List = [("name", gateway.name), ("region", gateway.region), ("ipAddress", gateway.ipAddress.description)]
        if let asn = gateway.asn { list.append(("asn", asn.description)) }
        if let description = gateway.description { list.append(("description", description)) }
        list += tags(gateway.tags)
        return list
    }

    /// The connection and its tunnels; the binding and route settings belong to other objects.
    public static func connection(_ connection: VpnConnection, gatewayIds: [String: String] = [:]) -> List {
        var list: List = [
            ("name", connection.name),
            ("region", connection.region),
            ("gatewayType", connection.gatewayType.rawValue),
            ("tunnelBandwidth", connection.tunnelBandwidth.rawValue),
            ("routingMode", connection.routingMode.rawValue),
            ("effectImmediately", String(connection.effectImmediately)),
            ("bgp.enabled", String(connection.bgp.enabled)),
            ("bgp.localAsn", connection.bgp.localAsn.description),
        ]
        if let group = connection.resourceGroup { list.append(("resourceGroup", group)) }
        if !connection.localNetworks.isEmpty { list.append(("localNetworks", connection.localNetworks.map(\.description).joined(separator: ", "))) }
        if !connection.remoteNetworks.isEmpty { list.append(("remoteNetworks", connection.remoteNetworks.map(\.description).joined(separator: ", "))) }
        list += tags(connection.tags)
        for (index, tunnel) in connection.tunnels.enumerated() {
            let n = TunnelNames.of(index + 1)
            var gateway = tunnel.customerGateway
            if let id = gatewayIds[tunnel.customerGateway] { gateway += " (\(id))" }
            list += [
                (n.customerGateway, gateway),
                (n.ikeVersion, tunnel.ike.version.rawValue), (n.ikeMode, tunnel.ike.mode.rawValue),
                (n.ikeEncryption, tunnel.ike.encryption.rawValue), (n.ikeAuthentication, tunnel.ike.authentication.rawValue),
                (n.ikeDHGroup, tunnel.ike.dhGroup.rawValue), (n.ikeLifetime, String(tunnel.ike.lifetime)),
                (n.ipsecEncryption, tunnel.ipsec.encryption.rawValue), (n.ipsecAuthentication, tunnel.ipsec.authentication.rawValue),
                (n.ipsecDHGroup, tunnel.ipsec.dhGroup.rawValue), (n.ipsecLifetime, String(tunnel.ipsec.lifetime)),
                (n.dpd, String(tunnel.dpd)), (n.natTraversal, String(tunnel.natTraversal)),
            ]
            if let localId = tunnel.ike.localId { list.append((n.ikeLocalId, localId)) }
            if let remoteId = tunnel.ike.remoteId { list.append((n.ikeRemoteId, remoteId)) }
            if connection.bgp.enabled, let bgp = tunnel.bgp {
                list += [(n.bgpTunnelCidr, bgp.tunnelCidr.description), (n.bgpLocalIp, bgp.localIp.description)]
            }
        }
        return list
    }

    /// The attribute names of tunnel N (`tunnel1.ike.version`), made once for the two tunnels of
    /// dual-tunnel connections rather than for every connection flattened.
    private struct TunnelNames: Sendable {
        let customerGateway, ikeVersion, ikeMode, ikeEncryption, ikeAuthentication, ikeDHGroup, ikeLifetime: String
        let ipsecEncryption, ipsecAuthentication, ipsecDHGroup, ipsecLifetime, dpd, natTraversal: String
        let ikeLocalId, ikeRemoteId, bgpTunnelCidr, bgpLocalIp: String

        private static let dual = [TunnelNames(1), TunnelNames(2)]

        static func of(_ number: Int) -> TunnelNames {
            dual.indices.contains(number - 1) ? dual[number - 1] : TunnelNames(number)
        }

        private init(_ number: Int) {
            let p = "tunnel\(number)."
            (customerGateway, ikeVersion, ikeMode) = (p + "customerGateway", p + "ike.version", p + "ike.mode")
            (ikeEncryption, ikeAuthentication) = (p + "ike.encryption", p + "ike.authentication")
            (ikeDHGroup, ikeLifetime) = (p + "ike.dhGroup", p + "ike.lifetime")
            (ipsecEncryption, ipsecAuthentication) = (p + "ipsec.encryption", p + "ipsec.authentication")
            (ipsecDHGroup, ipsecLifetime) = (p + "ipsec.dhGroup", p + "ipsec.lifetime")
            (dpd, natTraversal) = (p + "dpd", p + "natTraversal")
            (ikeLocalId, ikeRemoteId) = (p + "ike.localId", p + "ike.remoteId")
            (bgpTunnelCidr, bgpLocalIp) = (p + "bgp.tunnelCidr", p + "bgp.localIp")
        }
    }

    public static func attachment(cenId: String, advertise: Bool) -> List {
        [("cenId", cenId), ("routes.advertise", String(advertise))]
    }

    public static func grant(cenId: String, cenOwnerUid: String, payer: Payer) -> List {
        [("cenId", cenId), ("cenOwnerUid", cenOwnerUid), ("payer", payer.rawValue)]
    }

    private static func tags(_ tags: [String: String]) -> List {
        tags.keys.sorted().map { ("tags.\($0)", tags[$0] ?? "") }
    }

    /// The changes from one customer gateway to another: `diff` of their attributes, or none at
    /// all, without flattening either, when they are equal (the common case of refreshes and plans).
    public static func changes(from before: CustomerGateway, to after: CustomerGateway) -> [AttributeChange] {
        before == after ? [] : diff(customerGateway(before), customerGateway(after))
    }

    /// The changes from one connection to another, each with the ids of the gateways it names:
    /// `diff` of their attributes, or none at all when connections and ids are equal.
    public static func changes(from before: VpnConnection, gatewayIds beforeIds: [String: String],
                               to after: VpnConnection, gatewayIds afterIds: [String: String]) -> [AttributeChange] {
        before == after && beforeIds == afterIds ? [] : diff(connection(before, gatewayIds: beforeIds), connection(after, gatewayIds: afterIds))
    }

    /// The changes from `before` (nil: the object is new) to `after` (nil: it goes away), in
    /// `after`'s order followed by removed attributes.
    public static func diff(_ before: List?, _ after: List?) -> [AttributeChange] {
        // A new or vanished object changes every attribute: no lookups needed.
        guard let before else { return (after ?? []).map { AttributeChange(name: $0.name, before: nil, after: $0.value) } }
        guard let after else { return before.map { AttributeChange(name: $0.name, before: $0.value, after: nil) } }
        let old = Dictionary(before.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        var changes: [AttributeChange] = []
        for (name, value) in after where old[name] != value {
            changes.append(AttributeChange(name: name, before: old[name], after: value, forcesReplacement: forcingReplacement.contains(name)))
        }
        for (name, value) in before where new[name] == nil {
            changes.append(AttributeChange(name: name, before: value, after: nil, forcesReplacement: forcingReplacement.contains(name)))
        }
        return changes
    }
}
