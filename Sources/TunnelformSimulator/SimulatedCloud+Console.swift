import TunnelformCore

/// Changes made outside Tunnelform, as a user in the console would, for drift tests.
/// They follow the cloud's rules but are not counted as API calls and take no client token.
extension SimulatedCloud {
    /// Edits one tunnel (key, IKE/IPsec settings, customer gateway, …); the connection goes `updating`.
    /// The tunnel's id and index cannot change.
    public func consoleModifyTunnel(
        region name: String, connectionId: String, index: Int, _ edit: @Sendable (inout CloudTunnel) -> Void
    ) throws(CloudError) {
        try consoleUpdate(region: name, connectionId: connectionId) { stored, region throws(CloudError) in
            guard let position = stored.connection.tunnels.firstIndex(where: { $0.index == index }) else {
                throw .invalid("TunnelIndex", "the connection has no tunnel \(index)")
            }
            var tunnel = stored.connection.tunnels[position]
            edit(&tunnel)
            tunnel.id = stored.connection.tunnels[position].id
            tunnel.index = index
            tunnel.gatewayIp = stored.connection.tunnels[position].gatewayIp
            guard region.customerGateways[tunnel.customerGatewayId] != nil else {
                throw .customerGatewayNotFound(tunnel.customerGatewayId)
            }
            stored.connection.tunnels[position] = tunnel
        }
    }

    /// Edits a connection's own settings (name, effectImmediately, tags, subnets, BGP switch, …); the
    /// connection goes `updating`. Its id, tunnels, binding and fixed settings cannot change here.
    public func consoleModifyConnection(
        region name: String, connectionId: String, _ edit: @Sendable (inout CloudConnection) -> Void
    ) throws(CloudError) {
        try consoleUpdate(region: name, connectionId: connectionId) { stored, _ in
            let before = stored.connection
            edit(&stored.connection)
            stored.connection.id = before.id
            stored.connection.state = before.state
            stored.connection.gatewayType = before.gatewayType
            stored.connection.tunnelBandwidth = before.tunnelBandwidth
            stored.connection.tunnels = before.tunnels
            stored.connection.transitRouterId = before.transitRouterId
            stored.connection.cenId = before.cenId
            stored.connection.createTime = before.createTime
        }
    }

    /// A console edit of a settled connection (refused with `VpnConnection.Configuring` while it is
    /// changing); afterwards the connection goes `updating`, as after a modify call.
    private func consoleUpdate(
        region name: String, connectionId: String,
        _ change: (inout SimulatedConnection, RegionSnapshot) throws(CloudError) -> Void
    ) throws(CloudError) {
        try console { () throws(CloudError) in
            var region = region(name)
            guard var stored = region.connections[connectionId] else { throw .connectionNotFound(connectionId) }
            guard !stored.connection.state.isTransient else { throw .configuring(connectionId, stored.connection.state) }
            try change(&stored, region)
            beginUpdate(&stored)
            region.connections[connectionId] = stored
            state.regions[name] = region
        }
    }

    /// Edits a customer gateway's name, description, BGP auth key or tags; its address and ASN cannot change.
    public func consoleModifyCustomerGateway(
        region name: String, id: String, _ edit: @Sendable (inout CloudCustomerGateway) -> Void
    ) throws(CloudError) {
        try console { () throws(CloudError) in
            var region = region(name)
            guard var gateway = region.customerGateways[id] else { throw .customerGatewayNotFound(id) }
            let before = gateway
            edit(&gateway)
            gateway.id = before.id
            gateway.ipAddress = before.ipAddress
            gateway.asn = before.asn
            gateway.createTime = before.createTime
            region.customerGateways[id] = gateway
            state.regions[name] = region
        }
    }

    /// Deletes a connection as the console does: its grants are revoked with it; refused while it is
    /// attached to a transit router (detach it first).
    public func consoleDeleteConnection(region name: String, id: String) throws(CloudError) {
        try console { () throws(CloudError) in
            var region = region(name)
            guard region.connections[id] != nil else { throw .connectionNotFound(id) }
            region.grants.removeAll { $0.vpnId == id }
            state.regions[name] = region
            try deleteConnection(region: name, id: id)
        }
    }

    /// Revokes every grant of a connection.
    public func consoleRevokeGrants(region name: String, connectionId: String) throws(CloudError) {
        try console { () throws(CloudError) in
            var region = region(name)
            guard region.connections[connectionId] != nil else { throw .connectionNotFound(connectionId) }
            region.grants.removeAll { $0.vpnId == connectionId }
            state.regions[name] = region
        }
    }

    /// Deletes a customer gateway; refused, as in the console, while a connection uses it.
    public func consoleDeleteCustomerGateway(region: String, id: String) throws(CloudError) {
        try console { () throws(CloudError) in try deleteCustomerGateway(region: region, id: id) }
    }

    /// Turns route propagation to the default route table on or off.
    public func consoleSetPropagation(region: String, attachmentId: String, enabled: Bool) throws(CloudError) {
        try console { () throws(CloudError) in
            if enabled {
                try addLink(.propagation, region: region, attachmentId: attachmentId)
            } else {
                try removeLink(.propagation, region: region, attachmentId: attachmentId)
            }
        }
    }

    /// Deletes a transit-router attachment as the console does, with `Force`: its association and
    /// propagation go at once, then the attachment detaches as usual.
    public func consoleDetach(region name: String, attachmentId: String) throws(CloudError) {
        try console { () throws(CloudError) in
            var region = region(name)
            guard let attachment = region.attachments[attachmentId] else { throw .attachmentNotFound(attachmentId) }
            guard attachment.attachment.status == .attached else { throw .attachmentBusy(attachmentId, attachment.attachment.status) }
            // Checked before anything changes, so a refused detach leaves the links alone.
            if let connection = region.connections[attachment.attachment.vpnId]?.connection, connection.state.isTransient {
                throw .configuring(connection.id, connection.state)
            }
            region.associations[attachmentId] = nil
            region.propagations[attachmentId] = nil
            state.regions[name] = region
            try beginDetach(region: name, id: attachmentId)
        }
    }

    private func console(_ body: () throws(CloudError) -> Void) throws(CloudError) {
        applyDueTransitions()
        try body()
        revision += 1
    }
}
