/// One connection of a generated project with the customer gateway declared beside it, chosen
/// from its index so that the mix of features is spread evenly through the files and regions.
struct GeneratedConnection {
    enum Flavour { case bgp, protectedDataFlows, crossAccount, plain }

    let index: Int
    let region: String
    let flavour: Flavour
    let isPrivate: Bool
    /// The gateway tunnel 2 uses: usually this connection's own, sometimes a neighbour's in the same region.
    let secondGateway: String
    /// BGP tunnel CIDRs and cloud-side IPs, one per tunnel, when the flavour is BGP.
    let bgp: [(cidr: String, localIp: String)]
    /// Relative key file paths (from the manifest's folder) of tunnel 1 and 2, when keyed.
    let keyFiles: [String]?
    let authKeyFile: String?

    static func gatewayName(_ index: Int) -> String { "edge-\(padded(index))" }
    static func connectionName(_ index: Int) -> String { "site-\(padded(index))" }
    private static func padded(_ index: Int) -> String {
        let digits = String(index)
        return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    var gatewayName: String { Self.gatewayName(index) }
    var name: String { Self.connectionName(index) }

    /// Private connections use private gateway addresses; the rest public ones (20.0.0.0/8 onwards).
    static func isPrivate(_ index: Int) -> Bool { index % 20 == 9 }

    var gatewayAddress: String {
        let base: UInt32 = isPrivate ? 0x0AC8_0000 /* 10.200.0.0 */ : 0x1400_0000 /* 20.0.0.0 */
        let value = base + UInt32(index) + 1
        return "\(value >> 24).\((value >> 16) & 255).\((value >> 8) & 255).\(value & 255)"
    }

    /// The manifest text of the gateway and the connection: two YAML documents.
    var yaml: String {
        var lines = ["kind: CustomerGateway", "name: \(gatewayName)", "region: \(region)", "ipAddress: \(gatewayAddress)",
                     "asn: \(64_512 + index % 1_000)"]
        if let authKeyFile { lines.append("bgpAuthKey: {file: \(authKeyFile)}") }
        if index % 3 == 0 { lines.append("description: Edge router of site \(index)") }
        if index % 2 == 0 { lines.append("tags: {site: \(name), team: network-\(index % 5)}") }
        lines += ["---", "kind: VpnConnection", "name: \(name)", "region: \(region)"]
        if isPrivate { lines.append("gatewayType: private") }
        lines += bindLines
        if flavour == .protectedDataFlows {
            lines += ["routingMode: protectedDataFlows",
                      "localNetworks: [10.\((index >> 8) & 255).\(index & 255).0/24, 10.\(128 + (index >> 16)).\((index >> 8) & 255).0/24]",
                      "remoteNetworks: [192.168.\(index & 255).0/24]"]
        }
        if index % 11 == 0 { lines.append("effectImmediately: false") }
        if index % 13 == 0 { lines.append("tunnelBandwidth: large") }
        if flavour == .bgp { lines.append("bgp: {enabled: true}") }
        if flavour != .crossAccount && index % 7 == 3 { lines += ["routes:", "  advertise: false"] }
        if index % 4 == 1 { lines.append("tags: {site: \(name)}") }
        lines.append("tunnels:")
        for tunnel in 0..<2 { lines += tunnelLines(tunnel) }
        return lines.joined(separator: "\n") + "\n"
    }

    private var bindLines: [String] {
        // CEN ids are `cen-` and lowercase letters and digits: one instance per region here.
        let cenId = "cen-" + region.filter { $0 != "-" } + "0000000001"
        guard flavour == .crossAccount else { return ["bind:", "  currentAccount: {cenId: \(cenId)}"] }
        return ["bind:", "  crossAccount:", "    cenId: cen-partner\(String(index % 97))x00001",
                "    cenOwnerUid: \"1\(String(repeating: "0", count: 15 - String(index).count))\(index)\"",
                "    payer: \(index % 2 == 0 ? "cenOwner" : "resourceOwner")"]
    }

    private func tunnelLines(_ tunnel: Int) -> [String] {
        var lines = ["  - customerGateway: \(tunnel == 0 ? gatewayName : secondGateway)"]
        if let keyFiles { lines.append("    preSharedKey: {file: \(keyFiles[tunnel])}") }
        switch index % 3 {
        case 0:
            lines.append("    ike: {version: ikev2, encryption: aes256, authentication: sha256, dhGroup: group14}")
            lines.append("    ipsec: {encryption: aes256, authentication: sha256, dhGroup: group14}")
        case 2:
            lines.append("    ike: {encryption: aes192, dhGroup: group5, lifetime: 28800}")
            lines.append("    ipsec: {dhGroup: disabled, lifetime: 3600}")
        default:
            break
        }
        if !bgp.isEmpty { lines.append("    bgp: {tunnelCidr: \(bgp[tunnel].cidr), localIp: \(bgp[tunnel].localIp)}") }
        return lines
    }
}
