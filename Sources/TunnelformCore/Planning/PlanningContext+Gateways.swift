extension PlanningContext {
    /// Creates, modifies and replaces the desired customer gateways.
    mutating func planCustomerGateways() {
        // Positions are sorted, not the gateways themselves, which would move every one of them around.
        let gateways = input.customerGateways
        for position in gateways.indices.sorted(by: { gateways[$0].name < gateways[$1].name }) {
            let gateway = gateways[position]
            let address = gateway.address
            let slot = SecretSlot.bgpAuthKey(gateway: gateway.name)
            let payload = PlanPayload.customerGateway(gateway)
            guard let record = input.state[address]?.customerGateway else {
                var changes = Attributes.diff(nil, Attributes.customerGateway(gateway))
                if let key = secretChange(slot, name: "bgpAuthKey", recorded: nil, isNew: true) { changes.append(key) }
                let id = builder.add(PlanOperation(address: address, object: .customerGateway, action: .create, region: gateway.region,
                                                   changes: changes, reason: reason(address, .customerGateway), payload: payload))
                gatewayOutcomes[gateway.name] = .new(operationId: id)
                continue
            }
            var changes = Attributes.changes(from: record.applied, to: gateway)
            let forcing = changes.filter(\.forcesReplacement).map(\.name)
            if let key = secretChange(slot, name: "bgpAuthKey", recorded: record.authKeyDigest, isNew: false) {
                changes.append(key)
            } else if input.secrets[slot] == nil, record.authKeyDigest != nil {
                changes.append(AttributeChange(name: "bgpAuthKey", before: "(sensitive)", after: nil, sensitive: true))
            }
            if !forcing.isEmpty || gateway.region != record.applied.region {
                let why = (forcing.isEmpty ? ["region"] : forcing).joined(separator: " and ")
                let id = builder.add(PlanOperation(address: address, object: .customerGateway, action: .replace, region: gateway.region,
                                                   cloudId: record.id, changes: changes, reason: "\(why) cannot change in place", payload: payload))
                gatewayOutcomes[gateway.name] = .new(operationId: id)
                planGatewayDelete(id: record.id, address: address, region: record.applied.region, deposed: true,
                                  reason: "replaced by a new customer gateway", after: [id])
            } else {
                if !changes.isEmpty {
                    builder.add(PlanOperation(address: address, object: .customerGateway, action: .modify, region: gateway.region,
                                              cloudId: record.id, changes: changes, reason: modifyReason(address, .customerGateway, changes: changes), payload: payload))
                }
                gatewayOutcomes[gateway.name] = .existing(id: record.id)
            }
        }
        for (address, resource) in leftovers where address.kind == .customerGateway {
            for case .customerGateway(let id) in resource.deposed {
                planGatewayDelete(id: id, address: address, region: resource.region, deposed: true,
                                  reason: "replaced by a new customer gateway", after: [])
            }
        }
    }

    /// Deletes gateways that are in the state but no longer in the manifests.
    mutating func planRemovedCustomerGateways() {
        let desired = Set(input.customerGateways.map(\.address))
        for (address, resource) in leftovers where address.kind == .customerGateway && !desired.contains(address) {
            guard let record = resource.customerGateway else { continue }
            planGatewayDelete(id: record.id, address: address, region: resource.region, deposed: false, reason: removedReason, after: [])
        }
        for (id, operation) in gatewayDeletes {
            builder.addDependencies(gatewayUsers[id] ?? [], to: operation)
        }
    }

    private mutating func planGatewayDelete(id: String, address: ResourceAddress, region: String, deposed: Bool, reason: String, after: [String]) {
        let operation = builder.add(PlanOperation(address: address, object: .customerGateway, action: .delete, region: region,
                                                  cloudId: id, reason: reason, waitsFor: after, deposed: deposed))
        gatewayDeletes[id] = operation
    }

    /// Records that `operation` changes a connection that used the gateways in `ids` before.
    mutating func noteGatewayUsers(_ ids: [String], operation: String) {
        for id in Set(ids) { gatewayUsers[id, default: []].append(operation) }
    }

    /// The operation ids that create or replace the gateways a connection will use.
    func gatewayDependencies(of connection: VpnConnection) -> [String] {
        var ids: [String] = []
        for tunnel in connection.tunnels {
            if case .new(let id)? = gatewayOutcomes[tunnel.customerGateway], !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// Gateway names to ids (or "new") for showing which gateway a tunnel uses after the plan.
    func desiredGatewayIds(of connection: VpnConnection) -> [String: String] {
        var ids: [String: String] = [:]
        for tunnel in connection.tunnels {
            switch gatewayOutcomes[tunnel.customerGateway] {
            case .existing(let id)?: ids[tunnel.customerGateway] = id
            case .new?: ids[tunnel.customerGateway] = "new"
            case nil: break
            }
        }
        return ids
    }
}
