/// Renders model objects as manifest YAML that `validate` reads back to the same values. Free text
/// (names, descriptions, tags, ids) is double-quoted with JSON escapes, which YAML reads as written;
/// numbers, booleans, enumerations and networks stay plain. Defaults are left out.
public enum ManifestWriter {
    public static func yaml(_ gateway: CustomerGateway, comment: String? = nil) -> String {
        var lines = comment.map { ["# " + $0] } ?? []
        lines += ["kind: CustomerGateway", "name: \(quoted(gateway.name))", "region: \(quoted(gateway.region))",
                  "ipAddress: \(gateway.ipAddress)"]
        if let asn = gateway.asn { lines.append("asn: \(asn)") }
        if let key = gateway.bgpAuthKey { lines.append("bgpAuthKey: \(reference(key))") }
        if let description = gateway.description { lines.append("description: \(quoted(description))") }
        if !gateway.tags.isEmpty { lines.append("tags: \(map(gateway.tags))") }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func yaml(_ connection: VpnConnection, comment: String? = nil) -> String {
        let d = VpnConnection(name: "", region: "", bind: .currentAccount(cenId: ""), tunnels: [])
        var lines = comment.map { ["# " + $0] } ?? []
        lines += ["kind: VpnConnection", "name: \(quoted(connection.name))", "region: \(quoted(connection.region))"]
        if let group = connection.resourceGroup { lines.append("resourceGroup: \(quoted(group))") }
        if connection.gatewayType != d.gatewayType { lines.append("gatewayType: \(connection.gatewayType.rawValue)") }
        switch connection.bind {
        case .currentAccount(let cenId):
            lines += ["bind:", "  currentAccount: {cenId: \(quoted(cenId))}"]
        case .crossAccount(let cenId, let owner, let payer):
            lines += ["bind:", "  crossAccount: {cenId: \(quoted(cenId)), cenOwnerUid: \(quoted(owner)), payer: \(payer.rawValue)}"]
        }
        if connection.routingMode != d.routingMode {
            lines.append("routingMode: \(connection.routingMode.rawValue)")
            lines.append("localNetworks: [\(connection.localNetworks.map(\.description).joined(separator: ", "))]")
            lines.append("remoteNetworks: [\(connection.remoteNetworks.map(\.description).joined(separator: ", "))]")
        }
        if connection.effectImmediately != d.effectImmediately { lines.append("effectImmediately: \(connection.effectImmediately)") }
        if connection.tunnelBandwidth != d.tunnelBandwidth { lines.append("tunnelBandwidth: \(connection.tunnelBandwidth.rawValue)") }
        if !connection.tags.isEmpty { lines.append("tags: \(map(connection.tags))") }
        if connection.bgp != d.bgp {
            var fields = ["enabled: \(connection.bgp.enabled)"]
            if connection.bgp.localAsn != d.bgp.localAsn { fields.append("localAsn: \(connection.bgp.localAsn)") }
            lines.append("bgp: {\(fields.joined(separator: ", "))}")
        }
        if connection.bind.isCurrentAccount && connection.routes != d.routes {
            lines += ["routes:", "  advertise: \(connection.routes.advertise)",
                      "  associateDefaultRouteTable: \(connection.routes.associateDefaultRouteTable)",
                      "  propagateToDefaultRouteTable: \(connection.routes.propagateToDefaultRouteTable)"]
        }
        lines.append("tunnels:")
        for tunnel in connection.tunnels { lines += self.tunnel(tunnel, bgpEnabled: connection.bgp.enabled) }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func tunnel(_ tunnel: Tunnel, bgpEnabled: Bool) -> [String] {
        let d = Tunnel(customerGateway: "")
        var lines = ["  - customerGateway: \(quoted(tunnel.customerGateway))"]
        if let key = tunnel.preSharedKey { lines.append("    preSharedKey: \(reference(key))") }
        var ike: [String] = []
        if tunnel.ike.version != d.ike.version { ike.append("version: \(tunnel.ike.version.rawValue)") }
        if tunnel.ike.mode != d.ike.mode { ike.append("mode: \(tunnel.ike.mode.rawValue)") }
        if tunnel.ike.encryption != d.ike.encryption { ike.append("encryption: \(tunnel.ike.encryption.rawValue)") }
        if tunnel.ike.authentication != d.ike.authentication { ike.append("authentication: \(tunnel.ike.authentication.rawValue)") }
        if tunnel.ike.dhGroup != d.ike.dhGroup { ike.append("dhGroup: \(tunnel.ike.dhGroup.rawValue)") }
        if tunnel.ike.lifetime != d.ike.lifetime { ike.append("lifetime: \(tunnel.ike.lifetime)") }
        if let localId = tunnel.ike.localId { ike.append("localId: \(quoted(localId))") }
        if let remoteId = tunnel.ike.remoteId { ike.append("remoteId: \(quoted(remoteId))") }
        if !ike.isEmpty { lines.append("    ike: {\(ike.joined(separator: ", "))}") }
        var ipsec: [String] = []
        if tunnel.ipsec.encryption != d.ipsec.encryption { ipsec.append("encryption: \(tunnel.ipsec.encryption.rawValue)") }
        if tunnel.ipsec.authentication != d.ipsec.authentication { ipsec.append("authentication: \(tunnel.ipsec.authentication.rawValue)") }
        if tunnel.ipsec.dhGroup != d.ipsec.dhGroup { ipsec.append("dhGroup: \(tunnel.ipsec.dhGroup.rawValue)") }
        if tunnel.ipsec.lifetime != d.ipsec.lifetime { ipsec.append("lifetime: \(tunnel.ipsec.lifetime)") }
        if !ipsec.isEmpty { lines.append("    ipsec: {\(ipsec.joined(separator: ", "))}") }
        if tunnel.dpd != d.dpd { lines.append("    dpd: \(tunnel.dpd)") }
        if tunnel.natTraversal != d.natTraversal { lines.append("    natTraversal: \(tunnel.natTraversal)") }
        if bgpEnabled, let bgp = tunnel.bgp { lines.append("    bgp: {tunnelCidr: \(bgp.tunnelCidr), localIp: \(bgp.localIp)}") }
        return lines
    }

    /// A reference, never a value: a literal is written as an `{env: …}` the user must fill.
    private static func reference(_ reference: SecretReference) -> String {
        switch reference {
        case .env(let name): "{env: \(name)}"
        case .file(let path, _): "{file: \(quoted(path))}"
        case .literal: "{env: SET_ME}"
        }
    }

    private static func map(_ values: [String: String]) -> String {
        "{" + values.keys.sorted().map { "\(quoted($0)): \(quoted(values[$0] ?? ""))" }.joined(separator: ", ") + "}"
    }

    /// A YAML double-quoted scalar.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + String(format2(scalar.value))
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func format2(_ value: UInt32) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(value >> 4)], digits[Int(value & 0xF)]])
    }
}
