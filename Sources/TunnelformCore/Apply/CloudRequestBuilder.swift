/// Turns a plan operation into the concrete cloud call: ids come from the current state (so an
/// operation can use what an earlier one created) and secret values from the resolved secrets.
public struct CloudRequestBuilder: Sendable {
    public var secrets: ResolvedSecrets

    public init(secrets: ResolvedSecrets) { self.secrets = secrets }

    public func request(for operation: PlanOperation, state: State) throws(ApplyError) -> CloudRequest {
        let region = operation.region
        switch (operation.object, operation.action) {
        case (.customerGateway, .create), (.customerGateway, .replace):
            return .createCustomerGateway(region: region, try gatewaySpec(operation))
        case (.customerGateway, .modify):
            return .modifyCustomerGateway(region: region, id: try existingId(operation), try gatewaySpec(operation))
        case (.customerGateway, _):
            return .deleteCustomerGateway(region: region, id: try existingId(operation))
        case (.connection, .create), (.connection, .replace):
            return .createConnection(region: region, try connectionSpec(operation, record: nil, state: state))
        case (.connection, .modify):
            let record = try connectionRecord(operation, state: state)
            return .modifyConnection(region: region, id: record.id, try connectionSpec(operation, record: record, state: state))
        case (.connection, _):
            return .deleteConnection(region: region, id: try existingId(operation))
        case (.transitRouterAttachment, .create):
            let connection = try desiredConnection(operation)
            guard case .currentAccount(let cenId) = connection.bind else { throw .missingId("the CEN instance of \(operation.address)") }
            return .createTransitRouterAttachment(region: region, connectionId: try connectionRecord(operation, state: state).id,
                                                  cenId: cenId, autoPublishRoutes: connection.routes.advertise)
        case (.transitRouterAttachment, .modify):
            return .updateTransitRouterAttachment(region: region, attachmentId: try existingId(operation),
                                                  autoPublishRoutes: try desiredConnection(operation).routes.advertise)
        case (.transitRouterAttachment, _):
            return .deleteTransitRouterAttachment(region: region, attachmentId: try existingId(operation))
        case (.routeTableAssociation, .create):
            return .associateDefaultRouteTable(region: region, attachmentId: try attachmentId(operation, state: state))
        case (.routeTableAssociation, _):
            return .dissociateDefaultRouteTable(region: region, attachmentId: try existingId(operation))
        case (.routeTablePropagation, .create):
            return .enableDefaultRouteTablePropagation(region: region, attachmentId: try attachmentId(operation, state: state))
        case (.routeTablePropagation, _):
            return .disableDefaultRouteTablePropagation(region: region, attachmentId: try existingId(operation))
        case (.grant, .revoke):
            let record = try StateRecorder.record(for: operation, in: state)
            guard let grant = record?.grant else { throw .missingId("the grant of \(operation.address)") }
            return .revoke(region: region, connectionId: try existingId(operation), cenId: grant.cenId, cenOwnerUid: grant.cenOwnerUid)
        case (.grant, _):
            guard case .crossAccount(let cenId, let owner, let payer) = try desiredConnection(operation).bind else {
                throw .missingId("the CEN instance of \(operation.address)")
            }
            return .grant(region: region, connectionId: try connectionRecord(operation, state: state).id, cenId: cenId, cenOwnerUid: owner, payer: payer)
        }
    }

    private func existingId(_ operation: PlanOperation) throws(ApplyError) -> String {
        guard let id = operation.cloudId else { throw .missingId(operation.address.description) }
        return id
    }

    private func connectionRecord(_ operation: PlanOperation, state: State) throws(ApplyError) -> ConnectionRecord {
        guard let record = state[operation.address]?.connection else { throw .missingId(operation.address.description) }
        return record
    }

    private func attachmentId(_ operation: PlanOperation, state: State) throws(ApplyError) -> String {
        guard let id = state[operation.address]?.connection?.attachment?.id else {
            throw .missingId("the transit router attachment of \(operation.address)")
        }
        return id
    }

    private func desiredConnection(_ operation: PlanOperation) throws(ApplyError) -> VpnConnection {
        guard case .connection(let connection)? = operation.payload else { throw .missingId(operation.address.description) }
        return connection
    }

    private func gatewaySpec(_ operation: PlanOperation) throws(ApplyError) -> CustomerGatewaySpec {
        guard case .customerGateway(let gateway)? = operation.payload else { throw .missingId(operation.address.description) }
        let slot = SecretSlot.bgpAuthKey(gateway: gateway.name)
        if gateway.bgpAuthKey != nil, secrets[slot] == nil { throw .missingSecret(slot) }
        return CustomerGatewaySpec(name: gateway.name, ipAddress: gateway.ipAddress, asn: gateway.asn, authKey: secrets[slot],
                                   description: gateway.description, tags: gateway.tags)
    }

    private func connectionSpec(_ operation: PlanOperation, record: ConnectionRecord?, state: State) throws(ApplyError) -> ConnectionSpec {
        let connection = try desiredConnection(operation)
        var tunnels: [TunnelSpec] = []
        for (index, tunnel) in connection.tunnels.enumerated() {
            let gatewayAddress = ResourceAddress(.customerGateway, tunnel.customerGateway)
            guard let gatewayId = state[gatewayAddress]?.customerGateway?.id else { throw .missingId(gatewayAddress.description) }
            let slot = SecretSlot.preSharedKey(connection: connection.name, tunnel: index)
            if tunnel.preSharedKey != nil, secrets[slot] == nil { throw .missingSecret(slot) }
            let existing = record?.tunnels.first { $0.index == index + 1 }
            tunnels.append(TunnelSpec(id: existing?.id.isEmpty == false ? existing?.id : nil, index: index + 1, customerGatewayId: gatewayId,
                                      preSharedKey: secrets[slot], ike: tunnel.ike, ipsec: tunnel.ipsec, dpd: tunnel.dpd,
                                      natTraversal: tunnel.natTraversal, bgp: connection.bgp.enabled ? tunnel.bgp : nil,
                                      localAsn: connection.bgp.localAsn))
        }
        return ConnectionSpec(name: connection.name, gatewayType: connection.gatewayType, localSubnets: connection.wireLocalSubnets,
                              remoteSubnets: connection.wireRemoteSubnets, effectImmediately: connection.effectImmediately,
                              enableTunnelsBgp: connection.bgp.enabled, tunnelBandwidth: connection.tunnelBandwidth,
                              resourceGroupId: connection.resourceGroup, tags: connection.tags, tunnels: tunnels)
    }
}
