import TunnelformCore

/// The network namespaces of one tunnel: the cloud side and the customer side, joined by a veth
/// pair that exists only inside them, or with `nat` through a third namespace that translates the
/// device's private address to the customer gateway IP (a device behind NAT, as in Alibaba's
/// strongSwan guide). The cloud namespace holds the tunnel's gateway IP, the customer namespace
/// the customer gateway's IP (or the device's private address behind the NAT), each a /32 with a
/// host route to the other end; the test hosts are /32s on `lo`. Nothing is added to the host's
/// own namespace, and no namespace has a default route, so no packet can leave them.
struct LabNetwork {
    var cloudNamespace: String
    var customerNamespace: String
    var gatewayIp: IPv4Address
    var customerGatewayIp: IPv4Address
    /// Test host addresses for `lo`, with their prefix length (32, or an advertised prefix's).
    var cloudHosts: [IPv4Network]
    var customerHosts: [IPv4Network]
    var ip: String
    /// The NAT between the sides, when the device is behind one.
    var nat: NAT?

    struct NAT {
        var namespace: String
        /// The device's own address, translated to the customer gateway IP on the way out.
        var deviceAddress: IPv4Address
        var iptables: String
    }

    /// The NAT's inside address, the device's next hop (from 100.64.0.0/10, which no customer gateway uses).
    static let natInside = IPv4Address(0x6440_FF01) // 100.64.255.1
    /// The device's address behind the NAT when its configuration does not name one.
    static let defaultDeviceAddress = IPv4Address(0x6440_FF02) // 100.64.255.2

    static let cloudLink = "tfl-cloud"
    static let customerLink = "tfl-dc"

    var namespaces: [String] { [cloudNamespace, customerNamespace] + (nat.map { [$0.namespace] } ?? []) }

    /// Creates the namespaces and everything in them. Namespaces are registered for cleanup
    /// before they exist, so an interruption halfway still removes them.
    func create() async throws {
        for namespace in namespaces {
            LabResources.shared.add(namespace: namespace)
            try await Command.check(ip, ["netns", "add", namespace])
        }
        guard let nat else {
            try await Command.check(ip, ["link", "add", Self.cloudLink, "netns", cloudNamespace, "type", "veth",
                                         "peer", "name", Self.customerLink, "netns", customerNamespace])
            try await configure(cloudNamespace, link: Self.cloudLink, own: gatewayIp, peer: customerGatewayIp, hosts: cloudHosts)
            try await configure(customerNamespace, link: Self.customerLink, own: customerGatewayIp, peer: gatewayIp, hosts: customerHosts)
            return
        }
        // cloud ⇄ NAT (outside: the customer gateway IP) and NAT (inside) ⇄ device.
        try await Command.check(ip, ["link", "add", Self.cloudLink, "netns", cloudNamespace, "type", "veth",
                                     "peer", "name", "tfl-out", "netns", nat.namespace])
        try await Command.check(ip, ["link", "add", "tfl-in", "netns", nat.namespace, "type", "veth",
                                     "peer", "name", Self.customerLink, "netns", customerNamespace])
        try await configure(cloudNamespace, link: Self.cloudLink, own: gatewayIp, peer: customerGatewayIp, hosts: cloudHosts)
        try await configure(nat.namespace, link: "tfl-out", own: customerGatewayIp, peer: gatewayIp, hosts: [])
        let router: [[String]] = [
            ["link", "set", "tfl-in", "up"],
            ["addr", "add", "\(Self.natInside)/32", "dev", "tfl-in"],
            ["route", "add", "\(nat.deviceAddress)/32", "dev", "tfl-in", "src", "\(Self.natInside)"],
        ]
        for command in router { try await Command.check(ip, ["-n", nat.namespace] + command) }
        try await Command.check(ip, ["netns", "exec", nat.namespace, "/usr/sbin/sysctl", "-qw", "net.ipv4.ip_forward=1"])
        try await Command.check(ip, ["netns", "exec", nat.namespace, nat.iptables, "-t", "nat", "-A", "POSTROUTING",
                                     "-o", "tfl-out", "-s", "\(nat.deviceAddress)/32", "-j", "SNAT",
                                     "--to-source", "\(customerGatewayIp)"])
        let device: [[String]] = [
            ["link", "set", "lo", "up"],
            ["link", "set", Self.customerLink, "up"],
            ["addr", "add", "\(nat.deviceAddress)/32", "dev", Self.customerLink],
            ["route", "add", "\(Self.natInside)/32", "dev", Self.customerLink, "src", "\(nat.deviceAddress)"],
            ["route", "add", "\(gatewayIp)/32", "via", "\(Self.natInside)", "dev", Self.customerLink, "src", "\(nat.deviceAddress)"],
        ] + customerHosts.map { ["addr", "add", "\($0)", "dev", "lo"] }
        for command in device { try await Command.check(ip, ["-n", customerNamespace] + command) }
    }

    private func configure(_ namespace: String, link: String, own: IPv4Address, peer: IPv4Address, hosts: [IPv4Network]) async throws {
        let commands: [[String]] = [
            ["link", "set", "lo", "up"],
            ["link", "set", link, "up"],
            ["addr", "add", "\(own)/32", "dev", link],
            ["route", "add", "\(peer)/32", "dev", link, "src", "\(own)"],
        ] + hosts.map { ["addr", "add", "\($0)", "dev", "lo"] }
        for command in commands {
            try await Command.check(ip, ["-n", namespace] + command)
        }
    }

    /// Deletes the namespaces (and with them the veth pairs). Daemons must be stopped first.
    func destroy() async {
        for namespace in namespaces {
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
