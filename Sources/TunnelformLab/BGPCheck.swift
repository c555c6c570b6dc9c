import Foundation
import TunnelformCore

/// BGP over one established tunnel, with FRR on both sides: the cloud side as the cloud's BGP
/// speaker (the connection's local ASN, the tunnel's local BGP IP, the customer gateway's ASN and
/// BGP auth key for the neighbor, advertising a cloud prefix), the customer side from the
/// device's FRR configuration. Both tunnel addresses go on the tunnel interface (kernel-libipsec's
/// `ipsec0`), so BGP's packets and the routes it installs go through the IPsec SA.
struct BGPCheck {
    var lab: TunnelLab
    var plan: TunnelPlan
    var cloudFolder: RunFolder
    var customerFolder: RunFolder

    /// The prefix the cloud side advertises, and its host the lab pings (in 100.64.0.0/10).
    static let cloudPrefix = IPv4Network(address: IPv4Address(0x6440_0101), prefixLength: 24) // 100.64.1.1/24
    /// The prefix added to a generated configuration that advertises none yet.
    static let customerPrefix = IPv4Network(address: IPv4Address(0x6440_0201), prefixLength: 24) // 100.64.2.1/24
    static let tunnelInterface = "ipsec0"

    /// Starts FRR on both sides (appended to `routers` for the teardown) and waits for the
    /// session and the routes; the result says what was found, with a diagnosis when it failed.
    func run(started routers: inout [FRRDaemons]) async throws -> BGPResult {
        guard let bgp = plan.bgp, let cloudIp = lab.tunnel.cloudBgpIp, let customerIp = lab.tunnel.customerBgpIp else {
            return BGPResult(diagnosis: .bgpNotEstablished("the tunnel has no BGP addresses (bgp.tunnelCidr, bgp.localIp)"))
        }
        let ip = lab.environment.ip
        try await Command.check(ip, ["-n", lab.cloudNamespace, "addr", "add", "\(cloudIp)", "peer", "\(customerIp)/32",
                                     "dev", Self.tunnelInterface])
        try await Command.check(ip, ["-n", lab.customerNamespace, "addr", "add", "\(customerIp)", "peer", "\(cloudIp)/32",
                                     "dev", Self.tunnelInterface])
        let cloud = FRRDaemons(namespace: lab.cloudNamespace, folder: cloudFolder, environment: lab.environment)
        let customer = FRRDaemons(namespace: lab.customerNamespace, folder: customerFolder, environment: lab.environment)
        routers += [cloud, customer]
        try await cloud.start(bgpConfig: cloudConfig(cloudIp: cloudIp, customerIp: customerIp))
        try await customer.start(bgpConfig: bgp.customerConfig)
        var result = BGPResult()
        // A configuration that cannot work is only watched long enough to see the session down.
        let hopeless = configurationProblem(bgp, cloudIp: cloudIp) != nil
        let deadline = Date().addingTimeInterval(hopeless ? 3 : 15)
        var state = ""
        while Date() < deadline {
            state = try await cloud.neighbor(customerIp.description)?["bgpState"] as? String ?? ""
            if state == "Established" { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        guard state == "Established" else {
            let observed = try await cloud.neighbor(customerIp.description)
            result.diagnosis = diagnoseSession(bgp, cloudIp: cloudIp, state: state, observed: observed, cloudLog: cloud.bgpLog)
            return result
        }
        result.established = true
        let routes = Date().addingTimeInterval(8)
        while Date() < routes {
            result.prefixesReceived = try await Self.prefixesReceived(customer, from: cloudIp)
            result.prefixesSent = try await Self.prefixesReceived(cloud, from: customerIp)
            if result.prefixesReceived > 0 && result.prefixesSent > 0 { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        if result.prefixesReceived == 0 {
            result.diagnosis = .bgpNoRoutes("the on-premises side received no prefix from the cloud side (\(Self.cloudPrefix.normalized) "
                + "was advertised): check its inbound policy (route-map, prefix-list) for neighbor \(cloudIp)")
            return result
        }
        if result.prefixesSent == 0 {
            result.diagnosis = .bgpNoRoutes("the cloud side received no prefix from the on-premises side, so it has no route back "
                + "over the tunnel: advertise the data center's networks (network statements under address-family ipv4 unicast)")
            return result
        }
        // zebra installs the learned route: the cloud's host must now be reached through the tunnel.
        let target = Self.cloudPrefix.address.description
        var route = ""
        for _ in 0..<30 {
            route = (try await Command.run(ip, ["-n", lab.customerNamespace, "route", "get", target])).stdout
            if route.contains("dev \(Self.tunnelInterface)") { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        guard route.contains("dev \(Self.tunnelInterface)") else {
            let via = route.split(separator: "\n").first.map { String($0).trimmingWhitespace() } ?? "no route"
            result.diagnosis = .bgpNoRouteOverTunnel(prefix: Self.cloudPrefix.normalized.description, detail: via)
            return result
        }
        result.learnedPrefix = Self.cloudPrefix.normalized.description
        return result
    }

    /// The cloud side's bgpd.conf: what the console shows for the tunnel, as a BGP speaker.
    func cloudConfig(cloudIp: IPv4Address, customerIp: IPv4Address) -> String {
        var lines = [
            "! bgpd of the cloud side of tunnel \(lab.tunnel.index) (\(lab.tunnel.endpoint.tunnelId)), as the Tunnelform lab runs it",
            "router bgp \(lab.connection.bgp.localAsn)",
            " bgp router-id \(cloudIp)",
            " no bgp ebgp-requires-policy",
            " no bgp network import-check",
            " neighbor \(customerIp) remote-as \(lab.tunnel.customerGateway.asn.map { "\($0)" } ?? "external")",
            " neighbor \(customerIp) timers connect 1",
        ]
        if let key = plan.bgp?.authKey { lines.append(" neighbor \(customerIp) password \(key)") }
        lines += [" address-family ipv4 unicast", "  network \(Self.cloudPrefix.normalized)", " exit-address-family", "exit", ""]
        return lines.joined(separator: "\n")
    }

    /// Why the session did not come up: the device's configuration against what the cloud
    /// expects (neighbor address, remote-as, its own ASN, auth key), then what bgpd reported.
    func diagnoseSession(_ bgp: TunnelPlan.BGP, cloudIp: IPv4Address, state: String, observed: [String: Any]?,
                         cloudLog: String) -> LabDiagnosis {
        if let problem = configurationProblem(bgp, cloudIp: cloudIp) { return problem }
        let reason = (observed?["lastNotificationReason"] as? String) ?? (observed?["lastResetDueTo"] as? String)
        return .bgpNotEstablished("the cloud side's session with the on-premises side stayed \(state.isEmpty ? "down" : state)"
            + (reason.map { " (\($0))" } ?? ""))
    }

    /// What in the device's BGP configuration cannot match the cloud side, if anything.
    func configurationProblem(_ bgp: TunnelPlan.BGP, cloudIp: IPv4Address) -> LabDiagnosis? {
        let expectedAsn = lab.tunnel.customerGateway.asn.map { "\($0)" } ?? "?"
        let cloudAsn = "\(lab.connection.bgp.localAsn)"
        let block = bgp.block
        guard let neighbor = block.neighbors[cloudIp.description] else {
            return .bgpWrongNeighbor(cloudBgpIp: cloudIp.description, configured: block.neighbors.keys.sorted())
        }
        if let remoteAs = neighbor.remoteAs, remoteAs != cloudAsn, remoteAs != "external" {
            return .bgpWrongRemoteAs(configured: remoteAs, cloud: cloudAsn)
        }
        if block.asn != expectedAsn {
            return .bgpWrongLocalAs(configured: block.asn, expected: expectedAsn)
        }
        switch (bgp.authKey, neighbor.password) {
        case (nil, .some):
            return .bgpAuthKeyMismatch("the on-premises neighbor \(cloudIp) has a password, but the customer gateway has no bgpAuthKey")
        case (.some, nil):
            return .bgpAuthKeyMismatch("the customer gateway has a bgpAuthKey, but the on-premises neighbor \(cloudIp) has no password")
        case (.some(let key), .some(let password)) where key != password:
            return .bgpAuthKeyMismatch("the on-premises neighbor \(cloudIp) has a password that differs from the customer gateway's bgpAuthKey")
        default:
            return nil
        }
    }

    /// `pfxRcd` of one neighbor in `show bgp summary json`.
    static func prefixesReceived(_ router: FRRDaemons, from neighbor: IPv4Address) async throws -> Int {
        let result = try await router.vtysh("show bgp summary json")
        guard let data = result.stdout.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let unicast = object["ipv4Unicast"] as? [String: Any], let peers = unicast["peers"] as? [String: Any],
              let peer = peers[neighbor.description] as? [String: Any] else { return 0 }
        return peer["pfxRcd"] as? Int ?? 0
    }
}

/// What BGP did over one tunnel.
public struct BGPResult: Sendable, Equatable {
    public var established = false
    /// Prefixes the on-premises side received from the cloud side.
    public var prefixesReceived = 0
    /// Prefixes the cloud side received from the on-premises side.
    public var prefixesSent = 0
    /// The learned prefix that traffic was sent to, through the tunnel.
    public var learnedPrefix: String?
    public var diagnosis: LabDiagnosis?

    public init(established: Bool = false, prefixesReceived: Int = 0, prefixesSent: Int = 0, learnedPrefix: String? = nil,
                diagnosis: LabDiagnosis? = nil) {
        self.established = established
        self.prefixesReceived = prefixesReceived
        self.prefixesSent = prefixesSent
        self.learnedPrefix = learnedPrefix
        self.diagnosis = diagnosis
    }
}
