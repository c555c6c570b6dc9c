/// Adopts existing cloud objects into the state under a manifest address: a customer gateway, or a
/// connection with its transit-router attachment, route-table association and propagation, and grant.
///
/// The record holds what the cloud has (so the next plan shows exactly how the manifest differs),
/// read back through `ObservedModel`. Keys: a key the cloud returns is digested, so a matching key
/// in the manifests plans nothing; a key it returns empty or masked is recorded as unknown (no
/// digest), so a declared key is planned to be set once, after which its digest is known.
/// A pre-shared key the manifests leave to the cloud is not compared.
///
/// Pure apart from the injected digest function (random salt).
public struct Importer: Sendable {
    public var digest: @Sendable (String) throws -> SecretDigest

    public init(digest: @escaping @Sendable (String) throws -> SecretDigest = { try SecretDigest(of: $0) }) {
        self.digest = digest
    }

    public struct Outcome: Sendable {
        public var state: State
        /// Things the user should know, e.g. a tunnel's gateway that is not in the state yet.
        public var notes: [String]
    }

    /// Checks that `id` fits `address` and that neither is in the state yet.
    public func check(id: String, address: ResourceAddress, state: State) throws(ImportError) {
        guard let kind = ImportedId.kind(of: id) else {
            if id.contains("-") { throw .wrongKind(id: id, idKind: ImportedId.describe(id), address: address) }
            throw .unknownId(id)
        }
        guard kind == address.kind else { throw .wrongKind(id: id, idKind: ImportedId.describe(id), address: address) }
        if let resource = state[address], let existing = resource.customerGateway?.id ?? resource.connection?.id {
            throw .alreadyInState(address, id: existing)
        }
        for other in state.addresses {
            if state[other]?.customerGateway?.id == id || state[other]?.connection?.id == id { throw .managedElsewhere(id: id, address: other) }
        }
    }

    public func importCustomerGateway(id: String, declared: CustomerGateway, inventory: CloudInventory, state: State) throws -> Outcome {
        try check(id: id, address: declared.address, state: state)
        guard let observed = inventory.customerGateway(id) else { throw ImportError.notFound(id: id, region: inventory.region) }
        var applied = ObservedModel.customerGateway(observed, base: declared)
        var notes: [String] = []
        var keyDigest: SecretDigest?
        if ObservedModel.isKnownKey(observed.authKey), let key = observed.authKey {
            keyDigest = try digest(key)
        } else if declared.bgpAuthKey != nil {
            notes.append("the cloud did not return the BGP auth key of \(id): the next plan sets it from the manifests")
        }
        if observed.authKey == nil || observed.authKey == "" { applied.bgpAuthKey = nil }
        var next = state
        next[declared.address] = ResourceState(region: declared.region,
                                               customerGateway: CustomerGatewayRecord(id: id, applied: applied, authKeyDigest: keyDigest))
        return Outcome(state: next, notes: notes)
    }

    public func importConnection(id: String, declared: VpnConnection, inventory: CloudInventory, state: State) throws -> Outcome {
        try check(id: id, address: declared.address, state: state)
        let index = InventoryIndex(inventory)
        guard let observed = index.connections[id] else { throw ImportError.notFound(id: id, region: inventory.region) }
        var names: [String: String] = [:]
        for address in state.addresses where address.kind == .customerGateway && state[address]?.region == declared.region {
            if let gateway = state[address]?.customerGateway { names[gateway.id] = address.name }
        }
        var applied = ObservedModel.connection(observed, base: declared, gatewayNames: names,
                                               gatewayAddresses: index.customerGateways.mapValues(\.ipAddress))
        var notes: [String] = []
        var tunnels: [TunnelRecord] = []
        for tunnel in observed.tunnels.sorted(by: { $0.index < $1.index }) {
            let position = tunnel.index - 1
            let declaredKey = declared.tunnels.indices.contains(position) ? declared.tunnels[position].preSharedKey : nil
            var keyDigest: SecretDigest?
            if declaredKey != nil {
                if ObservedModel.isKnownKey(tunnel.preSharedKey) {
                    keyDigest = try digest(tunnel.preSharedKey)
                } else {
                    notes.append("the cloud did not return the pre-shared key of tunnel \(tunnel.index): the next plan sets it from the manifests")
                }
            }
            if names[tunnel.customerGatewayId] == nil {
                let suggestion = declared.tunnels.indices.contains(position) ? declared.tunnels[position].customerGateway : "NAME"
                notes.append("tunnel \(tunnel.index) uses customer gateway \(tunnel.customerGatewayId), which is not in the state: import it first "
                             + "(tunnelform import CustomerGateway/\(suggestion) \(tunnel.customerGatewayId)), or the next plan moves the tunnel to a new gateway")
            }
            tunnels.append(TunnelRecord(index: tunnel.index, id: tunnel.id, gatewayIp: tunnel.gatewayIp,
                                        customerGatewayId: tunnel.customerGatewayId, preSharedKeyDigest: keyDigest))
        }
        var record = ConnectionRecord(id: id, applied: applied, tunnels: tunnels)
        if let attachment = index.attachmentsByConnection[id], attachment.status != .detaching {
            record.attachment = AttachmentRecord(id: attachment.id, cenId: attachment.cenId, autoPublishRoutes: attachment.autoPublishRouteEnabled)
            record.associated = index.associations[attachment.id].map { $0.status != .removing } ?? false
            record.propagating = index.propagations[attachment.id].map { $0.status != .removing } ?? false
            applied.bind = .currentAccount(cenId: attachment.cenId)
            applied.routes = RouteOptions(advertise: attachment.autoPublishRouteEnabled, associateDefaultRouteTable: record.associated,
                                          propagateToDefaultRouteTable: record.propagating)
        } else if let grant = index.grants[id]?.first {
            record.grant = GrantRecord(cenId: grant.cenId, cenOwnerUid: grant.cenOwnerUid, payer: grant.payer)
            applied.bind = .crossAccount(cenId: grant.cenId, cenOwnerUid: grant.cenOwnerUid, payer: grant.payer)
            applied.routes = RouteOptions()
        }
        record.applied = applied
        var next = state
        next[declared.address] = ResourceState(region: declared.region, connection: record)
        return Outcome(state: next, notes: notes)
    }
}
