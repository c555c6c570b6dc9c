import TunnelformCore

/// The addresses the lab pings between through a tunnel: one host in each network the tunnel's
/// CHILD_SA will carry, so that real subnets behind the device (destination routing narrowed to
/// 172.24.0.0/16 ⇄ 10.0.0.0/8, or protected data flows) are tested where they are. Where both ends
/// carry everything (0.0.0.0/0, destination routing), a fixed pair from 100.64.0.0/10, which a
/// customer gateway may never use.
struct LabHosts: Equatable {
    var cloud: [IPv4Address]
    var customer: [IPv4Address]

    static let destinationCloudHost = IPv4Address(0x6440_0101)    // 100.64.1.1
    static let destinationCustomerHost = IPv4Address(0x6440_0201) // 100.64.2.1

    init(cloud: [IPv4Address], customer: [IPv4Address]) {
        self.cloud = cloud
        self.customer = customer
    }

    /// Hosts from the connection alone, as the generated configuration proposes it.
    init(connection: VpnConnection) {
        self.init(customerLocal: connection.wireRemoteSubnets, customerRemote: connection.wireLocalSubnets,
                  cloudLocal: connection.wireLocalSubnets, cloudRemote: connection.wireRemoteSubnets)
    }

    /// Hosts inside what both ends' selectors share on each side: the customer's own networks
    /// narrowed by the cloud's remote ones, the cloud's narrowed by the customer's remote ones.
    init(customerLocal: [IPv4Network], customerRemote: [IPv4Network], cloudLocal: [IPv4Network], cloudRemote: [IPv4Network]) {
        let customerSide = Self.narrowed(customerLocal, cloudRemote)
        let cloudSide = Self.narrowed(customerRemote, cloudLocal)
        customer = customerSide.isEmpty ? [Self.destinationCustomerHost] : Self.unique(customerSide.map(Self.firstHost))
        cloud = cloudSide.isEmpty ? [Self.destinationCloudHost] : Self.unique(cloudSide.map(Self.firstHost))
    }

    /// Every customer host to every cloud host.
    var pairs: [(from: IPv4Address, to: IPv4Address)] {
        customer.flatMap { from in cloud.map { (from: from, to: $0) } }
    }

    /// The networks of `mine` as the other end narrows them: a network inside one of `theirs`
    /// stays, one that holds some of `theirs` becomes those; `0.0.0.0/0` takes `theirs`. Empty when
    /// both carry everything. A network disjoint from `theirs` stays (the negotiation then fails).
    static func narrowed(_ mine: [IPv4Network], _ theirs: [IPv4Network]) -> [IPv4Network] {
        let specific = theirs.filter { $0.prefixLength > 0 }
        return mine.flatMap { network -> [IPv4Network] in
            if network.prefixLength == 0 { return specific }
            if theirs.contains(where: { $0.contains(network) }) { return [network] }
            let inner = specific.filter { network.contains($0) }
            return inner.isEmpty ? [network] : inner
        }
    }

    /// The first usable host: the address itself for a /32, the network address for a /31.
    static func firstHost(_ network: IPv4Network) -> IPv4Address {
        let base = network.normalized.networkAddress
        return network.prefixLength >= 31 ? base : IPv4Address(base.value &+ 1)
    }

    private static func unique(_ addresses: [IPv4Address]) -> [IPv4Address] {
        var seen: Set<IPv4Address> = []
        return addresses.filter { seen.insert($0).inserted }
    }
}
