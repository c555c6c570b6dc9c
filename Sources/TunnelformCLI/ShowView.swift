import TunnelformCore

/// The console's "view tunnel information", from the state and the observed cloud.
struct ShowView {
    var state: State
    var inventories: [String: CloudInventory]
    var revealSecrets: Bool

    struct ConnectionView: Encodable {
        var address: String
        var id: String
        var name: String
        var region: String
        var state: String
        var bind: String
        var tunnels: [TunnelView]
    }

    struct TunnelView: Encodable {
        var tunnel: Int
        var id: String
        var gatewayIp: String?
        var preSharedKey: String
        var tunnelCidr: String?
        var localBgpIp: String?
        var connectionStatus: String
        var customerGateway: String
        var status: String
    }

    struct GatewayView: Encodable {
        var address: String
        var id: String
        var region: String
        var ipAddress: String
        var asn: UInt32?
    }

    struct Document: Encodable {
        var formatVersion = 1
        var customerGateways: [GatewayView]
        var connections: [ConnectionView]
    }

    func document(_ addresses: [ResourceAddress]) -> Document {
        var gateways: [GatewayView] = []
        var connections: [ConnectionView] = []
        for address in addresses {
            guard let resource = state[address] else { continue }
            if let gateway = resource.customerGateway {
                gateways.append(GatewayView(address: address.description, id: gateway.id, region: resource.region,
                                            ipAddress: gateway.applied.ipAddress.description, asn: gateway.applied.asn?.value))
            }
            if let record = resource.connection { connections.append(connectionView(address, record, region: resource.region)) }
        }
        return Document(customerGateways: gateways, connections: connections)
    }

    private func connectionView(_ address: ResourceAddress, _ record: ConnectionRecord, region: String) -> ConnectionView {
        let observed = inventories[region]?.connection(record.id)
        let bind: String = switch record.applied.bind {
        case .currentAccount(let cenId): "transit router of \(cenId)" + (observed?.transitRouterId.map { " (\($0))" } ?? "")
        case .crossAccount(let cenId, let owner, _): "granted to \(cenId) of account \(owner)"
        }
        let tunnels = record.tunnels.map { tunnel -> TunnelView in
            let live = observed?.tunnels.first { $0.index == tunnel.index }
            let gatewayName = record.applied.tunnels.indices.contains(tunnel.index - 1) ? record.applied.tunnels[tunnel.index - 1].customerGateway : "?"
            let bgp = record.applied.bgp.enabled ? (live?.bgp ?? record.applied.tunnels[safe: tunnel.index - 1]?.bgp) : nil
            return TunnelView(
                tunnel: tunnel.index, id: tunnel.id.isEmpty ? (live?.id ?? "(unknown)") : tunnel.id,
                gatewayIp: (live?.gatewayIp ?? tunnel.gatewayIp)?.description,
                preSharedKey: revealSecrets ? (live?.preSharedKey ?? "(unavailable)") : "(hidden; use --secrets)",
                tunnelCidr: bgp?.tunnelCidr.description, localBgpIp: bgp?.localIp.description,
                connectionStatus: live?.status.consoleText ?? "unknown",
                customerGateway: "\(gatewayName) (\(tunnel.customerGatewayId))",
                status: live?.state.consoleText ?? "unknown")
        }
        return ConnectionView(address: address.description, id: record.id, name: record.applied.name, region: region,
                              state: observed?.state.rawValue ?? "not found in the cloud", bind: bind, tunnels: tunnels)
    }

    func json(_ addresses: [ResourceAddress]) throws -> String {
        String(try CanonicalJSON.string(document(addresses)).dropLast())
    }

    func text(_ addresses: [ResourceAddress]) -> String {
        let document = document(addresses)
        guard !document.customerGateways.isEmpty || !document.connections.isEmpty else {
            return "The state is empty: nothing has been applied yet."
        }
        var lines: [String] = []
        for gateway in document.customerGateways {
            lines.append("\(gateway.address)  \(gateway.id)  \(gateway.region)  \(gateway.ipAddress)" + (gateway.asn.map { "  ASN \($0)" } ?? ""))
        }
        for connection in document.connections {
            lines += ["", "\(connection.address)  \(connection.id)  \(connection.region)", "  State: \(connection.state)", "  Bound to: \(connection.bind)"]
            for tunnel in connection.tunnels {
                lines.append("  Tunnel \(tunnel.tunnel): \(tunnel.id)")
                lines.append("    Gateway IP address:  \(tunnel.gatewayIp ?? "(allocated when attached)")")
                lines.append("    Pre-shared key:      \(tunnel.preSharedKey)")
                if let cidr = tunnel.tunnelCidr { lines.append("    Tunnel CIDR block:   \(cidr)") }
                if let ip = tunnel.localBgpIp { lines.append("    Local BGP IP:        \(ip)") }
                lines.append("    Connection status:   \(tunnel.connectionStatus)")
                lines.append("    Customer gateway:    \(tunnel.customerGateway)")
                lines.append("    Status:              \(tunnel.status)")
            }
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
