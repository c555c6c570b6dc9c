import TunnelformCore

extension SimulatedCloud {
    /// Everything in one region as the Describe/List calls would report it, after due changes are applied.
    /// Lists are sorted by creation time, then id.
    public func inventory(region name: String) -> CloudInventory {
        counts["Inventory", default: 0] += 1
        applyDueTransitions()
        let region = region(name)
        let granted = Set(region.grants.map(\.vpnId))
        return CloudInventory(
            region: name,
            customerGateways: region.customerGateways.values.sorted { ($0.createTime, $0.id) < ($1.createTime, $1.id) },
            connections: region.connections.values.map { describe($0, in: region, granted: granted.contains($0.connection.id)) }
                .sorted { ($0.createTime, $0.id) < ($1.createTime, $1.id) },
            transitRouterAttachments: region.attachments.values.map(\.attachment).sorted { $0.id < $1.id },
            routeTableAssociations: region.associations.values.map(\.link).sorted { $0.attachmentId < $1.attachmentId },
            routeTablePropagations: region.propagations.values.map(\.link).sorted { $0.attachmentId < $1.attachmentId },
            grants: region.grants.sorted { ($0.vpnId, $0.cenId, $0.cenOwnerUid) < ($1.vpnId, $1.cenId, $1.cenOwnerUid) })
    }

    /// One look at an object that may be changing by itself.
    public func status(of object: CloudObjectRef) -> SettleStatus {
        counts["Status", default: 0] += 1
        applyDueTransitions()
        switch object {
        case .connection(let name, let id):
            guard let connection = region(name).connections[id]?.connection else { return .gone }
            return connection.state.isTransient ? .pending(connection.state.rawValue) : .settled(connection.state.rawValue)
        case .transitRouterAttachment(let name, let id):
            guard let attachment = region(name).attachments[id]?.attachment else { return .gone }
            return attachment.status == .attached ? .settled(attachment.status.rawValue) : .pending(attachment.status.rawValue)
        case .routeTableAssociation(let name, let id):
            return Self.status(of: region(name).associations[id]?.link)
        case .routeTablePropagation(let name, let id):
            return Self.status(of: region(name).propagations[id]?.link)
        }
    }

    private static func status(of link: CloudRouteTableLink?) -> SettleStatus {
        guard let link else { return .gone }
        return link.status == .active ? .settled(link.status.rawValue) : .pending(link.status.rawValue)
    }

    /// The connection as DescribeVpnConnection reports it.
    ///
    /// Defaults are filled in: `localId` is the tunnel's gateway IP once allocated, `remoteId` the customer
    /// gateway's IP. The simulated peer is assumed up: once a tunnel has a gateway IP on a connection that is
    /// `attached` (or `updating` while attached), its status is `ipsec_sa_established` and, with BGP, its BGP
    /// status `success`; otherwise `ike_sa_not_established` and `false`.
    func describe(_ stored: SimulatedConnection, in region: RegionSnapshot) -> CloudConnection {
        describe(stored, in: region, granted: region.grants.contains { $0.vpnId == stored.connection.id })
    }

    /// `describe`, told whether a grant names the connection (a whole region's answers come from one set).
    func describe(_ stored: SimulatedConnection, in region: RegionSnapshot, granted: Bool) -> CloudConnection {
        var connection = stored.connection
        connection.crossAccountAuthorized = granted
        let up = connection.state == .attached || (connection.state == .updating && stored.pending?.target == .attached)
        for index in connection.tunnels.indices {
            var tunnel = connection.tunnels[index]
            let established = up && tunnel.gatewayIp != nil
            tunnel.ike.localId = tunnel.ike.localId ?? tunnel.gatewayIp?.description
            tunnel.ike.remoteId = tunnel.ike.remoteId ?? region.customerGateways[tunnel.customerGatewayId]?.ipAddress.description
            tunnel.status = established ? .ipsecSAEstablished : .ikeSANotEstablished
            tunnel.bgpStatus = connection.enableTunnelsBgp ? (established ? "success" : "false") : nil
            connection.tunnels[index] = tunnel
        }
        return connection
    }
}
