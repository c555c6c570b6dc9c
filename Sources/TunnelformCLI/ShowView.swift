import Foundation
import TunnelformCore

/// The console's "view tunnel information", from the state and the observed cloud.
struct ShowView {
    var state: State
    var inventories: [String: CloudInventory]
    var revealSecrets: Bool

    /// `show --json` is data: API words and ids in fields of their own, absent when unknown or hidden.
    struct ConnectionView: Encodable {
        var address: String
        var id: String
        var name: String
        var region: String
        /// The API's `State` (`attached`, `updating`, …); absent when the cloud has no such connection.
        var state: String?
        var bind: BindingView
        var tunnels: [TunnelView]
    }

    struct BindingView: Encodable {
        /// `currentAccount` or `crossAccount`.
        var kind: String
        var cenId: String
        var transitRouterId: String?
        var cenOwnerUid: String?
        var payer: String?
    }

    struct GatewayReference: Encodable {
        var name: String
        var id: String
    }

    struct TunnelView: Encodable {
        var tunnel: Int
        var id: String?
        var gatewayIp: String?
        /// Only with `--secrets`.
        var preSharedKey: String?
        var tunnelCidr: String?
        var localBgpIp: String?
        /// The API's negotiation `Status` (`ipsec_sa_established`, …).
        var negotiationStatus: String?
        /// The API's tunnel `State` (`active`, `updating`, `deleting`).
        var tunnelState: String?
        var customerGateway: GatewayReference
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
        let bind: BindingView = switch record.applied.bind {
        case .currentAccount(let cenId): BindingView(kind: "currentAccount", cenId: cenId, transitRouterId: observed?.transitRouterId)
        case .crossAccount(let cenId, let owner, let payer): BindingView(kind: "crossAccount", cenId: cenId, cenOwnerUid: owner, payer: payer.rawValue)
        }
        let tunnels = record.tunnels.map { tunnel -> TunnelView in
            let live = observed?.tunnels.first { $0.index == tunnel.index }
            let gatewayName = record.applied.tunnels[safe: tunnel.index - 1]?.customerGateway ?? "?"
            let bgp = record.applied.bgp.enabled ? (live?.bgp ?? record.applied.tunnels[safe: tunnel.index - 1]?.bgp) : nil
            return TunnelView(
                tunnel: tunnel.index, id: tunnel.id.isEmpty ? live?.id : tunnel.id,
                gatewayIp: (live?.gatewayIp ?? tunnel.gatewayIp)?.description,
                preSharedKey: revealSecrets ? live?.preSharedKey : nil,
                tunnelCidr: bgp?.tunnelCidr.description, localBgpIp: bgp?.localIp.description,
                negotiationStatus: live?.status.rawValue, tunnelState: live?.state.rawValue,
                customerGateway: GatewayReference(name: gatewayName, id: tunnel.customerGatewayId))
        }
        return ConnectionView(address: address.description, id: record.id, name: record.applied.name, region: region,
                              state: observed?.state.rawValue, bind: bind, tunnels: tunnels)
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
            lines += ["", "\(connection.address)  \(connection.id)  \(connection.region)", "  State: \(connection.state ?? "not found in the cloud")",
                      "  Bound to: \(Self.prose(connection.bind))"]
            for tunnel in connection.tunnels {
                lines.append("  Tunnel \(tunnel.tunnel): \(tunnel.id ?? "(unknown)")")
                lines.append("    Gateway IP address:  \(tunnel.gatewayIp ?? "(allocated when attached)")")
                lines.append("    Pre-shared key:      \(revealSecrets ? tunnel.preSharedKey ?? "(unavailable)" : "(hidden; use --secrets)")")
                if let cidr = tunnel.tunnelCidr { lines.append("    Tunnel CIDR block:   \(cidr)") }
                if let ip = tunnel.localBgpIp { lines.append("    Local BGP IP:        \(ip)") }
                let negotiation = tunnel.negotiationStatus.flatMap(NegotiationStatus.init(rawValue:))?.consoleText ?? "unknown"
                lines.append("    Connection status:   \(negotiation)")
                lines.append("    Customer gateway:    \(tunnel.customerGateway.name) (\(tunnel.customerGateway.id))")
                lines.append("    Status:              \(tunnel.tunnelState.flatMap(TunnelState.init(rawValue:))?.consoleText ?? "unknown")")
            }
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}

extension ShowView {
    /// `transit router of cen-… (tr-…)`, `granted to cen-… of account …`.
    static func prose(_ bind: BindingView) -> String {
        if bind.kind == "crossAccount" { return "granted to \(bind.cenId) of account \(bind.cenOwnerUid ?? "?")" }
        return "transit router of \(bind.cenId)" + (bind.transitRouterId.map { " (\($0))" } ?? "")
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
