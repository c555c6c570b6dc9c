import TunnelformCore

/// Two network namespaces for one tunnel, the cloud side and the customer side, joined by a veth
/// pair that exists only inside them. The cloud namespace holds the tunnel's gateway IP, the
/// customer namespace the customer gateway's IP, each a /32 on the veth with a host route to the
/// other; the test hosts are /32s on `lo`. Nothing is added to the host's own namespace, and
/// neither namespace has a default route, so no packet can leave them.
struct LabNetwork {
    var cloudNamespace: String
    var customerNamespace: String
    var gatewayIp: IPv4Address
    var customerGatewayIp: IPv4Address
    var cloudHosts: [IPv4Address]
    var customerHosts: [IPv4Address]
    var ip: String

    static let cloudLink = "tfl-cloud"
    static let customerLink = "tfl-dc"

    /// Creates both namespaces and everything in them. Namespaces are registered for cleanup
    /// before they exist, so an interruption halfway still removes them.
    func create() async throws {
        for namespace in [cloudNamespace, customerNamespace] {
            LabResources.shared.add(namespace: namespace)
            try await Command.check(ip, ["netns", "add", namespace])
        }
        try await Command.check(ip, ["link", "add", Self.cloudLink, "netns", cloudNamespace, "type", "veth",
                                     "peer", "name", Self.customerLink, "netns", customerNamespace])
        try await configure(cloudNamespace, link: Self.cloudLink, own: gatewayIp, peer: customerGatewayIp, hosts: cloudHosts)
        try await configure(customerNamespace, link: Self.customerLink, own: customerGatewayIp, peer: gatewayIp, hosts: customerHosts)
    }

    private func configure(_ namespace: String, link: String, own: IPv4Address, peer: IPv4Address, hosts: [IPv4Address]) async throws {
        let commands: [[String]] = [
            ["link", "set", "lo", "up"],
            ["link", "set", link, "up"],
            ["addr", "add", "\(own)/32", "dev", link],
            ["route", "add", "\(peer)/32", "dev", link, "src", "\(own)"],
        ] + hosts.map { ["addr", "add", "\($0)/32", "dev", "lo"] }
        for command in commands {
            try await Command.check(ip, ["-n", namespace] + command)
        }
    }

    /// Deletes both namespaces (and with them the veth pair). Daemons must be stopped first.
    func destroy() async {
        for namespace in [cloudNamespace, customerNamespace] {
            let result = try? await Command.run(ip, ["netns", "delete", namespace])
            let gone = result?.succeeded == true ? true : !(await Self.exists(namespace, ip: ip))
            if gone {
                LabResources.shared.remove(namespace: namespace)
            }
        }
    }

    static func exists(_ namespace: String, ip: String) async -> Bool {
        guard let list = try? await Command.run(ip, ["netns", "list"]) else { return false }
        return list.stdout.split(separator: "\n").contains { $0.split(separator: " ").first.map(String.init) == namespace }
    }
}
