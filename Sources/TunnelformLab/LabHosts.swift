import TunnelformCore

/// The addresses the lab pings between through a tunnel: one host in each protected network,
/// or in destination routing mode (selectors 0.0.0.0/0) a fixed pair from 100.64.0.0/10, which a
/// customer gateway may never use.
struct LabHosts: Equatable {
    var cloud: [IPv4Address]
    var customer: [IPv4Address]

    static let destinationCloudHost = IPv4Address(0x6440_0101)    // 100.64.1.1
    static let destinationCustomerHost = IPv4Address(0x6440_0201) // 100.64.2.1

    init(connection: VpnConnection) {
        switch connection.routingMode {
        case .destination:
            cloud = [Self.destinationCloudHost]
            customer = [Self.destinationCustomerHost]
        case .protectedDataFlows:
            cloud = Self.unique(connection.localNetworks.map(Self.firstHost))
            customer = Self.unique(connection.remoteNetworks.map(Self.firstHost))
        }
    }

    /// Every customer host to every cloud host.
    var pairs: [(from: IPv4Address, to: IPv4Address)] {
        customer.flatMap { from in cloud.map { (from: from, to: $0) } }
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
