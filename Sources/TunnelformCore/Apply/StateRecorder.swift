/// Records the result of a completed operation in the state. Pure: digests of new secret
/// values are computed by the caller and passed in.
public enum StateRecorder {
    /// Digests of the secrets an operation applied, by slot.
    public typealias Digests = [SecretSlot: SecretDigest]

    public static func record(_ operation: PlanOperation, createdId: String?, digests: Digests, in state: inout State) throws(ApplyError) {
        let address = operation.address
        var resource = state[address] ?? ResourceState(region: operation.region)
        switch (operation.object, operation.action) {
        case (.customerGateway, .create), (.customerGateway, .replace), (.customerGateway, .modify):
            guard case .customerGateway(let gateway)? = operation.payload else { throw .missingId(address.description) }
            let previous = resource.customerGateway
            if operation.action == .replace, let previous { resource.deposed.append(.customerGateway(id: previous.id)) }
            guard let id = operation.action == .modify ? previous?.id : createdId else { throw .missingId(address.description) }
            let slot = SecretSlot.bgpAuthKey(gateway: gateway.name)
            let digest = gateway.bgpAuthKey == nil ? nil : digests[slot] ?? previous?.authKeyDigest
            resource.region = gateway.region
            resource.customerGateway = CustomerGatewayRecord(id: id, applied: gateway, authKeyDigest: digest)
        case (.customerGateway, _):
            if operation.deposed {
                resource.deposed.removeAll { $0 == .customerGateway(id: operation.cloudId ?? "") }
            } else {
                resource.customerGateway = nil
            }
        case (.connection, .create), (.connection, .replace), (.connection, .modify):
            guard case .connection(let connection)? = operation.payload else { throw .missingId(address.description) }
            let previous = resource.connection
            if operation.action == .replace, let previous { resource.deposed.append(.connection(previous)) }
            guard let id = operation.action == .modify ? previous?.id : createdId else { throw .missingId(address.description) }
            var tunnels: [TunnelRecord] = []
            for (index, tunnel) in connection.tunnels.enumerated() {
                let gatewayId = state[ResourceAddress(.customerGateway, tunnel.customerGateway)]?.customerGateway?.id ?? ""
                let old = operation.action == .modify ? previous?.tunnels.first { $0.index == index + 1 } : nil
                let slot = SecretSlot.preSharedKey(connection: connection.name, tunnel: index)
                let digest = tunnel.preSharedKey == nil ? (old?.preSharedKeyDigest) : digests[slot] ?? old?.preSharedKeyDigest
                tunnels.append(TunnelRecord(index: index + 1, id: old?.id ?? "", gatewayIp: old?.gatewayIp, customerGatewayId: gatewayId,
                                            preSharedKeyDigest: tunnel.preSharedKey == nil && operation.action != .modify ? nil : digest))
            }
            resource.region = connection.region
            if operation.action == .modify, var record = previous {
                record.applied = connection
                record.tunnels = tunnels
                resource.connection = record
            } else {
                resource.connection = ConnectionRecord(id: id, applied: connection, tunnels: tunnels)
            }
        case (.connection, _):
            if operation.deposed {
                resource.deposed.removeAll { if case .connection(let r) = $0 { r.id == operation.cloudId } else { false } }
            } else {
                resource.connection = nil
            }
        default:
            try updateConnection(operation, createdId: createdId, in: &resource)
        }
        state[address] = resource.isEmpty ? nil : resource
    }

    /// Attachment, association, propagation and grant changes, on the current or a deposed record.
    private static func updateConnection(_ operation: PlanOperation, createdId: String?, in resource: inout ResourceState) throws(ApplyError) {
        func mutate(_ change: (inout ConnectionRecord) -> Void) {
            if operation.deposed {
                resource.deposed = resource.deposed.map { deposed in
                    guard case .connection(var record) = deposed,
                          record.id == operation.cloudId || record.attachment?.id == operation.cloudId else { return deposed }
                    change(&record)
                    return .connection(record)
                }
            } else if var record = resource.connection {
                change(&record)
                resource.connection = record
            }
        }
        let connection: VpnConnection? = if case .connection(let c)? = operation.payload { c } else { nil }
        switch (operation.object, operation.action) {
        case (.transitRouterAttachment, .create):
            guard let createdId, let connection else { throw .missingId("the new transit router attachment") }
            mutate { record in
                record.attachment = AttachmentRecord(id: createdId, cenId: connection.bind.cenId, autoPublishRoutes: connection.routes.advertise)
                // A rebind changes no attribute of the connection itself: the binding is recorded with what realises it.
                record.applied.bind = connection.bind
            }
        case (.transitRouterAttachment, .modify):
            mutate { $0.attachment?.autoPublishRoutes = connection?.routes.advertise ?? true }
        case (.transitRouterAttachment, _):
            mutate { record in
                record.attachment = nil
                record.associated = false
                record.propagating = false
            }
        case (.routeTableAssociation, let action):
            mutate { $0.associated = action == .create }
        case (.routeTablePropagation, let action):
            mutate { $0.propagating = action == .create }
        case (.grant, .grant):
            guard case .crossAccount(let cenId, let owner, let payer)? = connection?.bind else { throw .missingId("the grant target") }
            mutate { record in
                record.grant = GrantRecord(cenId: cenId, cenOwnerUid: owner, payer: payer)
                record.applied.bind = .crossAccount(cenId: cenId, cenOwnerUid: owner, payer: payer)
            }
        case (.grant, _):
            mutate { $0.grant = nil }
        default:
            break
        }
    }

    /// The connection record an operation on `address` acts on: a deposed one when flagged.
    static func record(for operation: PlanOperation, in state: State) throws(ApplyError) -> ConnectionRecord? {
        guard let resource = state[operation.address] else { return nil }
        guard operation.deposed else { return resource.connection }
        for case .connection(let record) in resource.deposed where record.id == operation.cloudId || record.attachment?.id == operation.cloudId {
            return record
        }
        return nil
    }
}
