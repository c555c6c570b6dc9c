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
            let p = "tunnel\(index + 1)."
            var gateway = tunnel.customerGateway
            if let id = gatewayIds[tunnel.customerGateway] { gateway += " (\(id))" }
            list += [
                (p + "customerGateway", gateway),
                (p + "ike.version", tunnel.ike.version.rawValue), (p + "ike.mode", tunnel.ike.mode.rawValue),
                (p + "ike.encryption", tunnel.ike.encryption.rawValue), (p + "ike.authentication", tunnel.ike.authentication.rawValue),
                (p + "ike.dhGroup", tunnel.ike.dhGroup.rawValue), (p + "ike.lifetime", String(tunnel.ike.lifetime)),
                (p + "ipsec.encryption", tunnel.ipsec.encryption.rawValue), (p + "ipsec.authentication", tunnel.ipsec.authentication.rawValue),
                (p + "ipsec.dhGroup", tunnel.ipsec.dhGroup.rawValue), (p + "ipsec.lifetime", String(tunnel.ipsec.lifetime)),
                (p + "dpd", String(tunnel.dpd)), (p + "natTraversal", String(tunnel.natTraversal)),
            ]
            if let localId = tunnel.ike.localId { list.append((p + "ike.localId", localId)) }
            if let remoteId = tunnel.ike.remoteId { list.append((p + "ike.remoteId", remoteId)) }
            if connection.bgp.enabled, let bgp = tunnel.bgp {
                list += [(p + "bgp.tunnelCidr", bgp.tunnelCidr.description), (p + "bgp.localIp", bgp.localIp.description)]
            }
        }
        return list
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

    /// The changes from `before` (nil: the object is new) to `after` (nil: it goes away), in
    /// `after`'s order followed by removed attributes.
    public static func diff(_ before: List?, _ after: List?) -> [AttributeChange] {
        let old = Dictionary((before ?? []).map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary((after ?? []).map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        var changes: [AttributeChange] = []
        for (name, value) in after ?? [] where old[name] != value {
            changes.append(AttributeChange(name: name, before: old[name], after: value,
                                           forcesReplacement: before != nil && forcingReplacement.contains(name)))
        }
        for (name, value) in before ?? [] where new[name] == nil {
            changes.append(AttributeChange(name: name, before: value, after: nil,
                                           forcesReplacement: after != nil && forcingReplacement.contains(name)))
        }
        return changes
    }
}
