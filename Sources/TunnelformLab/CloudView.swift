import TunnelformCore

/// The connection as the cloud has it: the declared input with what the provider reports put in
/// (negotiation mode, tunnel settings, keys), and the differences, so that the lab's cloud side
/// is the cloud and not the manifests when someone changed the tunnel in the console.
///
/// Values the cloud fills in itself (default local and remote ids) are not differences; a key the
/// provider returns empty or masked is unknown and the declared one is kept. Keys are named in
/// `differences` only as changed, never shown.
public struct CloudView: Sendable {
    public var input: DeviceConfigInput
    public var differences: [String]

    public init(declared: DeviceConfigInput, observed: CloudConnection) {
        var input = declared
        var differences: [String] = []
        var connection = declared.connection
        if connection.effectImmediately != observed.effectImmediately {
            differences.append("effectImmediately: \(connection.effectImmediately) -> \(observed.effectImmediately)")
            connection.effectImmediately = observed.effectImmediately
        }
        if connection.routingMode == .protectedDataFlows, !observed.localSubnets.isEmpty, !observed.remoteSubnets.isEmpty {
            if Set(connection.localNetworks) != Set(observed.localSubnets) {
                differences.append("localNetworks: \(Self.list(connection.localNetworks)) -> \(Self.list(observed.localSubnets))")
                connection.localNetworks = observed.localSubnets
            }
            if Set(connection.remoteNetworks) != Set(observed.remoteSubnets) {
                differences.append("remoteNetworks: \(Self.list(connection.remoteNetworks)) -> \(Self.list(observed.remoteSubnets))")
                connection.remoteNetworks = observed.remoteSubnets
            }
        }
        for (position, declaredTunnel) in declared.connection.tunnels.enumerated() {
            let index = position + 1
            guard let live = observed.tunnels.first(where: { $0.index == index }) else { continue }
            var tunnel = declaredTunnel
            var changes: [String] = []
            var ike = live.ike
            // The cloud reports its default ids; they are the declared ones when none is declared.
            let gatewayIp = declared.tunnels.first { $0.index == index }?.gatewayIp.description
            let customerIp = declared.customerGateways[declaredTunnel.customerGateway]?.ipAddress.description
            if declaredTunnel.ike.localId == nil, ike.localId == gatewayIp { ike.localId = nil }
            if declaredTunnel.ike.remoteId == nil, ike.remoteId == customerIp { ike.remoteId = nil }
            changes += Self.changes("ike", declaredTunnel.ike, ike)
            changes += Self.changes("ipsec", declaredTunnel.ipsec, live.ipsec)
            tunnel.ike = ike
            tunnel.ipsec = live.ipsec
            if tunnel.dpd != live.dpd { changes.append("dpd: \(tunnel.dpd) -> \(live.dpd)"); tunnel.dpd = live.dpd }
            if tunnel.natTraversal != live.natTraversal {
                changes.append("natTraversal: \(tunnel.natTraversal) -> \(live.natTraversal)")
                tunnel.natTraversal = live.natTraversal
            }
            if let bgp = live.bgp, bgp != tunnel.bgp, connection.bgp.enabled {
                changes.append("bgp: \(tunnel.bgp.map { "\($0.tunnelCidr) \($0.localIp)" } ?? "none") -> \(bgp.tunnelCidr) \(bgp.localIp)")
                tunnel.bgp = bgp
            }
            connection.tunnels[position] = tunnel
            if let slot = input.tunnels.firstIndex(where: { $0.index == index }), Self.isKnown(live.preSharedKey),
               live.preSharedKey != input.tunnels[slot].preSharedKey {
                changes.append("pre-shared key changed (not shown)")
                input.tunnels[slot].preSharedKey = live.preSharedKey
            }
            differences += changes.map { "tunnel \(index): \($0)" }
        }
        input.connection = connection
        self.input = input
        self.differences = differences
    }

    /// A key the provider actually returned (not empty, not masked).
    static func isKnown(_ key: String) -> Bool { !key.isEmpty && !key.allSatisfy { $0 == "*" } }

    static func list(_ networks: [IPv4Network]) -> String { networks.map(\.description).joined(separator: ", ") }

    /// `ike.encryption: aes256 -> aes`, one per field that differs, from the values' own descriptions.
    static func changes<Value>(_ prefix: String, _ before: Value, _ after: Value) -> [String] {
        let old = Mirror(reflecting: before).children
        let new = Mirror(reflecting: after).children
        return zip(old, new).compactMap { pair in
            let (from, to) = (Self.text(pair.0.value), Self.text(pair.1.value))
            guard from != to, let label = pair.0.label else { return nil }
            return "\(prefix).\(label): \(from) -> \(to)"
        }
    }

    private static func text(_ value: Any) -> String {
        if let raw = value as? any RawRepresentable { return "\(raw.rawValue)" }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional { return mirror.children.first.map { text($0.value) } ?? "none" }
        return "\(value)"
    }
}
