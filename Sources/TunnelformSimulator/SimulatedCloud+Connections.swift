import Foundation
import TunnelformCore

extension SimulatedCloud {
    /// `CreateVpnAttachment`: an unbound dual-tunnel connection in state `init`, with a generated key
    /// for every tunnel whose key is not given and no gateway IPs yet.
    func createConnection(region name: String, _ spec: ConnectionSpec) throws(CloudError) -> String {
        try validate(spec, region: name, excluding: nil)
        let id = newId("vco-")
        let tunnels = spec.tunnels.sorted { $0.index < $1.index }.map { tunnel in
            CloudTunnel(
                id: newId("tun-"), index: tunnel.index, customerGatewayId: tunnel.customerGatewayId, state: .active,
                status: .ikeSANotEstablished, gatewayIp: nil, preSharedKey: tunnel.preSharedKey ?? newKey(),
                ike: tunnel.ike ?? IKEConfig(), ipsec: tunnel.ipsec, dpd: tunnel.dpd, natTraversal: tunnel.natTraversal,
                bgp: tunnel.bgp, bgpStatus: nil, localAsn: tunnel.localAsn)
        }
        let connection = CloudConnection(
            id: id, name: spec.name, state: .`init`, gatewayType: spec.gatewayType, localSubnets: spec.localSubnets,
            remoteSubnets: spec.remoteSubnets, effectImmediately: spec.effectImmediately,
            enableTunnelsBgp: spec.enableTunnelsBgp, tunnelBandwidth: spec.tunnelBandwidth,
            resourceGroupId: spec.resourceGroupId, tags: spec.tags, transitRouterId: nil, cenId: nil,
            crossAccountAuthorized: false, tunnels: tunnels, createTime: nowMillis)
        var region = region(name)
        region.connections[id] = SimulatedConnection(connection: connection, pending: nil)
        state.regions[name] = region
        return id
    }

    /// `ModifyVpnAttachmentAttribute`: both tunnels in one call; the connection goes `updating` and back.
    /// As the SDK's request model documents, a tunnel whose IKE block comes without a key gets a new random
    /// 16-character key; a tunnel whose IKE block is left out keeps its IKE settings and key.
    func modifyConnection(region name: String, id: String, _ spec: ConnectionSpec) throws(CloudError) {
        var region = region(name)
        guard var stored = region.connections[id] else { throw .connectionNotFound(id) }
        let current = stored.connection
        guard !current.state.isTransient else { throw .configuring(id, current.state) }
        guard spec.gatewayType == current.gatewayType else { throw .invalid("NetworkType", "it cannot be modified") }
        guard spec.tunnelBandwidth == current.tunnelBandwidth else { throw .invalid("TunnelBandwidth", "it cannot be modified") }
        try validate(spec, region: name, excluding: id)
        var tunnels = current.tunnels
        for tunnel in spec.tunnels {
            guard let position = tunnels.firstIndex(where: { $0.index == tunnel.index }) else {
                throw .invalid("TunnelIndex", "the connection has no tunnel \(tunnel.index)")
            }
            if let tunnelId = tunnel.id, tunnelId != tunnels[position].id {
                throw .invalid("TunnelId", "\(tunnelId) is not tunnel \(tunnel.index) of \(id)")
            }
            tunnels[position].customerGatewayId = tunnel.customerGatewayId
            if let ike = tunnel.ike {
                tunnels[position].ike = ike
                tunnels[position].preSharedKey = tunnel.preSharedKey ?? newKey()
            }
            tunnels[position].ipsec = tunnel.ipsec
            tunnels[position].dpd = tunnel.dpd
            tunnels[position].natTraversal = tunnel.natTraversal
            tunnels[position].bgp = tunnel.bgp
            tunnels[position].localAsn = tunnel.localAsn
        }
        stored.connection.name = spec.name
        stored.connection.localSubnets = spec.localSubnets
        stored.connection.remoteSubnets = spec.remoteSubnets
        stored.connection.effectImmediately = spec.effectImmediately
        stored.connection.enableTunnelsBgp = spec.enableTunnelsBgp
        stored.connection.resourceGroupId = spec.resourceGroupId
        stored.connection.tags = spec.tags
        stored.connection.tunnels = tunnels
        beginUpdate(&stored)
        region.connections[id] = stored
        state.regions[name] = region
    }

    /// Puts a connection in `updating` (tunnels `updating`) until the modify delay has passed.
    func beginUpdate(_ stored: inout SimulatedConnection) {
        let previous = stored.connection.state
        stored.connection.state = .updating
        for index in stored.connection.tunnels.indices { stored.connection.tunnels[index].state = .updating }
        stored.pending = PendingChange(kind: .modify, readyAt: now.addingTimeInterval(delays.connectionModify), target: previous)
    }

    /// `DeleteVpnAttachment`: only an unbound, settled connection without grants can go.
    func deleteConnection(region name: String, id: String) throws(CloudError) {
        var region = region(name)
        guard let stored = region.connections[id] else { throw .connectionNotFound(id) }
        let connection = stored.connection
        guard !connection.state.isTransient else { throw .configuring(id, connection.state) }
        if let attachment = region.liveAttachment(forConnection: id) {
            throw .terminal("IncorrectStatus.VpnConnection",
                            "The IPsec-VPN connection \(id) is attached to \(attachment.attachment.transitRouterId) by \(attachment.attachment.id); delete the transit router attachment first.")
        }
        if let grant = region.grants.first(where: { $0.vpnId == id }) {
            throw .terminal("DependencyViolation.Grant",
                            "The IPsec-VPN connection \(id) is granted to \(grant.cenId); revoke the grant first.")
        }
        region.connections[id] = nil
        state.regions[name] = region
    }

    /// The connection with this id in another region, for a clearer error than "not found".
    func regionHolding(connection id: String) -> String? {
        state.regions.first { $0.value.connections[id] != nil }?.key
    }
}
