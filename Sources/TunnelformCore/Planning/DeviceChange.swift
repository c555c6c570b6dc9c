/// Something the customer gateway's own configuration must follow after an operation: the values a
/// device is set up with (`tunnelform device-config` writes them) that the operation changes.
public struct DeviceChange: Codable, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// What changes, per tunnel when `tunnels` is not empty.
    public enum Facet: String, Codable, Sendable, CaseIterable, Comparable {
        case newConnection, gatewayIp, key, customerGateway, ikeProposal, ikeLifetime, ikeIds, ipsecProposal, ipsecLifetime,
             dpd, natTraversal, bgpAddresses, bgp, localAsn, networks

        public static func < (a: Facet, b: Facet) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

        /// The words for one tunnel and for several.
        var words: (one: String, many: String) {
            switch self {
            case .newConnection: ("a new connection", "a new connection")
            case .gatewayIp: ("gateway IP", "gateway IPs")
            case .key: ("key", "keys")
            case .customerGateway: ("customer gateway", "customer gateways")
            case .ikeProposal: ("IKE proposal", "IKE proposals")
            case .ikeLifetime: ("IKE lifetime", "IKE lifetimes")
            case .ikeIds: ("IKE ids", "IKE ids")
            case .ipsecProposal: ("IPsec proposal", "IPsec proposals")
            case .ipsecLifetime: ("IPsec lifetime", "IPsec lifetimes")
            case .dpd: ("dead peer detection", "dead peer detection")
            case .natTraversal: ("NAT traversal", "NAT traversal")
            case .bgpAddresses: ("BGP addresses", "BGP addresses")
            case .bgp: ("BGP", "BGP")
            case .localAsn: ("BGP local ASN", "BGP local ASN")
            case .networks: ("protected networks", "protected networks")
            }
        }
    }

    public var facet: Facet
    /// 1 and/or 2; empty for connection-wide facets.
    public var tunnels: [Int]

    public init(_ facet: Facet, tunnels: [Int] = []) {
        self.facet = facet
        self.tunnels = tunnels.sorted()
    }

    /// `tunnel 1 and 2 gateway IPs`, `tunnel 2 key`, `BGP local ASN`.
    public var description: String {
        let words = facet.words
        switch tunnels.count {
        case 0: return words.one
        case 1: return "tunnel \(tunnels[0]) \(words.one)"
        default: return "tunnel " + tunnels.map(String.init).joined(separator: " and ") + " " + words.many
        }
    }

    /// The device changes an operation brings, from its object, action and attribute changes. The
    /// binding of a connection created or replaced in the same plan adds nothing to what its create says.
    static func of(_ operation: PlanOperation, keysGeneratedByCloud: [Int], connectionIsNew: Bool) -> [DeviceChange] {
        var facets: [Facet: Set<Int>] = [:]
        func add(_ facet: Facet, _ tunnel: Int? = nil) {
            facets[facet, default: []].formUnion(tunnel.map { [$0] } ?? [])
        }
        switch (operation.object, operation.action) {
        case (.connection, .create):
            add(.newConnection)
        case (.connection, .replace):
            add(.gatewayIp, 1); add(.gatewayIp, 2)
            for tunnel in keysGeneratedByCloud { add(.key, tunnel) }
        case (.connection, .modify):
            for change in operation.changes { Self.facet(of: change.name).map { add($0.facet, $0.tunnel) } }
        case (.transitRouterAttachment, .create), (.transitRouterAttachment, .delete):
            // Gateway IPs exist only while attached: a new or removed attachment of a connection that
            // stays gives its tunnels new addresses (or none). A replaced connection's old one does not matter.
            if !operation.deposed && !connectionIsNew { add(.gatewayIp, 1); add(.gatewayIp, 2) }
        default:
            break
        }
        return facets.keys.sorted().map { DeviceChange($0, tunnels: Array(facets[$0] ?? [])) }
    }

    /// The facet an attribute of a connection belongs to (`tunnel2.ike.encryption` → IKE proposal of
    /// tunnel 2); nil for attributes the device never sees (name, tags, resource group, …).
    static func facet(of attribute: String) -> (facet: Facet, tunnel: Int?)? {
        var name = Substring(attribute)
        var tunnel: Int?
        if name.hasPrefix("tunnel"), let dot = name.firstIndex(of: "."), let number = Int(name[name.index(name.startIndex, offsetBy: 6)..<dot]) {
            tunnel = number
            name = name[name.index(after: dot)...]
        }
        let facet: Facet? = switch name {
        case "preSharedKey": .key
        case "customerGateway": .customerGateway
        case "ike.version", "ike.mode", "ike.encryption", "ike.authentication", "ike.dhGroup": .ikeProposal
        case "ike.lifetime": .ikeLifetime
        case "ike.localId", "ike.remoteId": .ikeIds
        case "ipsec.encryption", "ipsec.authentication", "ipsec.dhGroup": .ipsecProposal
        case "ipsec.lifetime": .ipsecLifetime
        case "dpd": .dpd
        case "natTraversal": .natTraversal
        case "bgp.tunnelCidr", "bgp.localIp": .bgpAddresses
        case "bgp.enabled": .bgp
        case "bgp.localAsn": .localAsn
        case "routingMode", "localNetworks", "remoteNetworks": .networks
        default: nil
        }
        return facet.map { ($0, tunnel) }
    }
}

/// The device changes of one address, for the plan's closing summary.
public struct OnPremisesChange: Codable, Equatable, Sendable, CustomStringConvertible {
    public var address: ResourceAddress
    public var changes: [DeviceChange]

    public init(address: ResourceAddress, changes: [DeviceChange]) {
        self.address = address
        self.changes = changes
    }

    /// `VpnConnection/shanghai-dc (tunnel 1 and 2 gateway IPs, tunnel 2 key): run tunnelform device-config VpnConnection/shanghai-dc`
    public var description: String {
        "\(address) (\(changes.map(\.description).joined(separator: ", "))): run tunnelform device-config \(address)"
    }

    /// Per address, in plan order, the device changes of all its operations merged (facet by facet).
    static func summary(of operations: [PlanOperation]) -> [OnPremisesChange] {
        var order: [ResourceAddress] = []
        var merged: [ResourceAddress: [DeviceChange.Facet: Set<Int>]] = [:]
        for operation in operations where !operation.deviceChanges.isEmpty {
            if merged[operation.address] == nil { order.append(operation.address) }
            for change in operation.deviceChanges { merged[operation.address, default: [:]][change.facet, default: []].formUnion(change.tunnels) }
        }
        return order.map { address in
            let facets = merged[address] ?? [:]
            // A new connection is configured from scratch: its other facets say nothing more.
            let kept = facets[.newConnection] != nil ? [DeviceChange.Facet.newConnection] : facets.keys.sorted()
            return OnPremisesChange(address: address, changes: kept.map { DeviceChange($0, tunnels: Array(facets[$0] ?? [])) })
        }
    }
}
