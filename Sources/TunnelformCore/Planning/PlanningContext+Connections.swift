extension PlanningContext {
    /// The sub-objects a connection should have, from its binding and route settings.
    struct Wanted: Equatable {
        var attachment: (cenId: String, advertise: Bool)?
        var associated = false
        var propagating = false
        var grant: GrantRecord?

        init(_ connection: VpnConnection) {
            switch connection.bind {
            case .currentAccount(let cenId):
                attachment = (cenId, connection.routes.advertise)
                associated = connection.routes.associateDefaultRouteTable
                propagating = connection.routes.propagateToDefaultRouteTable
            case .crossAccount(let cenId, let owner, let payer):
                grant = GrantRecord(cenId: cenId, cenOwnerUid: owner, payer: payer)
            }
        }

        static func == (a: Wanted, b: Wanted) -> Bool {
            a.attachment?.cenId == b.attachment?.cenId && a.attachment?.advertise == b.attachment?.advertise
                && a.associated == b.associated && a.propagating == b.propagating && a.grant == b.grant
        }
    }

    /// Connections planned on one core at a time: a chunk is worth a thread, and a project of
    /// fewer is planned on the calling one.
    static let connectionsPerChunk = 512

    mutating func planConnections() {
        // Positions are sorted, not the connections themselves, which would move every one of them around.
        let connections = input.connections
        let order = connections.indices.sorted(by: { connections[$0].name < connections[$1].name })
        // A connection's planning reads only its own declaration and record and what the gateways'
        // planning decided, so chunks are planned on every core, each into operations of its own,
        // then merged in name order: the plan is the one planning them one after another gives.
        let chunks = stride(from: 0, to: order.count, by: Self.connectionsPerChunk).map {
            order[$0..<min($0 + Self.connectionsPerChunk, order.count)]
        }
        let base = emptied()
        let parts = Concurrently.map(chunks.count) { index in
            var part = base
            for position in chunks[index] { part.planConnection(connections[position]) }
            return part
        }
        for part in parts { absorb(part) }
        let desired = Set(input.connections.map(\.address))
        for (address, resource) in leftovers where address.kind == .vpnConnection {
            if let record = resource.connection, !desired.contains(address) {
                let deleted = planTeardown(record, address: address, region: resource.region, deposed: false, reason: removedReason, after: [])
                tunnelCidrs.give(record.applied.tunnelCidrsInUse, region: resource.region, by: deleted, of: address, deleting: true)
            }
            for case .connection(let record) in resource.deposed {
                planTeardown(record, address: address, region: resource.region, deposed: true, reason: "the connection was replaced", after: [])
            }
        }
        orderByTunnelCidrs()
    }

    private mutating func planConnection(_ connection: VpnConnection) {
        let address = connection.address
        let payload = PlanPayload.connection(connection)
        let gatewayIds = desiredGatewayIds(of: connection)
        guard let record = input.state[address]?.connection else {
            var changes = Attributes.diff(nil, Attributes.connection(connection, gatewayIds: gatewayIds)) + Self.assignedIds
            changes += keyChanges(connection, record: nil)
            let id = builder.add(PlanOperation(address: address, object: .connection, action: .create, region: connection.region,
                                               changes: changes, reason: reason(address, .connection),
                                               waitsFor: gatewayDependencies(of: connection), payload: payload))
            tunnelCidrs.take(connection.tunnelCidrsInUse, region: connection.region, by: id, of: address)
            planSubObjects(connection, current: nil, connectionOperation: id, reason: "the connection is new")
            return
        }
        var gatewayIdsBefore: [String: String] = [:]
        for (index, tunnel) in record.applied.tunnels.enumerated() where index < record.tunnels.count {
            gatewayIdsBefore[tunnel.customerGateway] = record.tunnels[index].customerGatewayId
        }
        var changes = Attributes.changes(from: record.applied, gatewayIds: gatewayIdsBefore, to: connection, gatewayIds: gatewayIds)
        let forcing = changes.filter(\.forcesReplacement).map(\.name)
        let oldGatewayIds = record.tunnels.map(\.customerGatewayId)
        if !forcing.isEmpty || record.applied.region != connection.region {
            changes += Self.assignedIds + keyChanges(connection, record: nil)
            planReplacement(connection, record: record, changes: changes,
                            reason: "\((forcing.isEmpty ? ["region"] : forcing).joined(separator: " and ")) cannot change in place")
            return
        }
        changes += keyChanges(connection, record: record)
        var connectionOperation: String?
        if !changes.isEmpty {
            let id = builder.add(PlanOperation(address: address, object: .connection, action: .modify, region: connection.region,
                                               cloudId: record.id, changes: changes, reason: modifyReason(address, .connection, changes: changes),
                                               waitsFor: gatewayDependencies(of: connection), settlesTo: "settled", payload: payload))
            noteGatewayUsers(oldGatewayIds, operation: id)
            let before = record.applied.tunnelCidrsInUse, after = connection.tunnelCidrsInUse
            tunnelCidrs.take(after.filter { !before.contains($0) }, region: connection.region, by: id, of: address)
            tunnelCidrs.give(before.filter { !after.contains($0) }, region: connection.region, by: id, of: address, deleting: false)
            connectionOperation = id
        }
        planSubObjects(connection, current: record, connectionOperation: connectionOperation, reason: "the binding changed")
    }

    /// What the cloud assigns when it creates a connection, shown as Terraform shows such values.
    static let assignedIds = ["id", "tunnel1.id", "tunnel2.id"].map { AttributeChange(name: $0, before: nil, after: "(known after apply)") }

    /// The tunnels' gateway IPs, which the cloud allocates once the connection is attached.
    static let assignedGatewayIps = ["tunnel1.gatewayIp", "tunnel2.gatewayIp"].map {
        AttributeChange(name: $0, before: nil, after: "(known after apply)")
    }

    /// The comment on a replacement that deletes first, in the words the plan shows.
    static let destroyBeforeCreateNote = "destroy before create: the tunnels are down from the delete until the new connection negotiates"

    /// A new connection for one whose change cannot be made in place: created and bound before the old
    /// one is torn down, unless the new one needs a tunnel CIDR the old one holds (unique in the region)
    /// or the manifest asks for `destroyBeforeCreate`; then the old one goes first. An explicit
    /// `createBeforeDestroy` that cannot be applied is a problem, never a plan that fails half-way.
    private mutating func planReplacement(_ connection: VpnConnection, record: ConnectionRecord, changes: [AttributeChange], reason: String) {
        let address = connection.address
        let payload = PlanPayload.connection(connection)
        let oldGatewayIds = record.tunnels.map(\.customerGatewayId)
        let sameRegion = record.applied.region == connection.region
        let held = sameRegion ? record.applied.tunnelCidrsInUse : []
        let reused = connection.tunnelCidrsInUse.filter(held.contains)
        let blocks = (reused.count == 1 ? "tunnel CIDR " : "tunnel CIDRs ") + reused.map(\.description).joined(separator: " and ")
        if connection.replacement == .createBeforeDestroy && !reused.isEmpty {
            problems.append(PlanProblem(
                address: address, field: "replacement",
                message: "\(address) cannot be replaced create-before-destroy: the new connection needs \(blocks), which the old connection holds until it is deleted, and a tunnel CIDR is unique in its region",
                hint: "set replacement: destroyBeforeCreate (the tunnels are down from the delete until the new connection negotiates), or give the new connection other tunnel CIDRs"))
        }
        let destroyFirst = connection.replacement == .destroyBeforeCreate || (connection.replacement == nil && !reused.isEmpty)
        guard destroyFirst else {
            let id = builder.add(PlanOperation(address: address, object: .connection, action: .replace, region: connection.region,
                                               cloudId: record.id, changes: changes, reason: reason,
                                               waitsFor: gatewayDependencies(of: connection), payload: payload))
            let newChain = planSubObjects(connection, current: nil, connectionOperation: id, reason: "the connection is replaced")
            let deleted = planTeardown(record, address: address, region: record.applied.region, deposed: true,
                                       reason: "the connection is replaced", after: newChain.isEmpty ? [id] : newChain)
            tunnelCidrs.take(connection.tunnelCidrsInUse, region: connection.region, by: id, of: address)
            tunnelCidrs.give(record.applied.tunnelCidrsInUse, region: record.applied.region, by: deleted, of: address, deleting: true)
            noteGatewayUsers(oldGatewayIds, operation: id)
            return
        }
        // The old connection is deleted as the current one (not deposed): nothing else holds its place.
        let deleted = planTeardown(record, address: address, region: record.applied.region, deposed: false,
                                   reason: "the connection is replaced", after: [])
        let why = reused.isEmpty ? "as replacement: destroyBeforeCreate asks"
            : "because the new connection reuses \(blocks) of the old one (unique in the region)"
        let id = builder.add(PlanOperation(address: address, object: .connection, action: .replace, region: connection.region,
                                           cloudId: record.id, changes: changes, reason: reason,
                                           waitsFor: gatewayDependencies(of: connection) + [deleted], payload: payload,
                                           notes: [Self.destroyBeforeCreateNote, "the old connection is deleted first, \(why)"]))
        tunnelCidrs.take(connection.tunnelCidrsInUse.filter { !held.contains($0) }, region: connection.region, by: id, of: address)
        tunnelCidrs.give(held.filter { !connection.tunnelCidrsInUse.contains($0) }, region: record.applied.region, by: deleted, of: address,
                         deleting: true)
        planSubObjects(connection, current: nil, connectionOperation: id, reason: "the connection is replaced")
        noteGatewayUsers(oldGatewayIds, operation: id)
    }

    /// Makes every operation that takes up a tunnel CIDR another connection gives up in this plan wait for
    /// the operation that gives it up: the cloud refuses a block still in use anywhere in the region.
    /// Two connections that would each wait for the other (blocks swapped) cannot be ordered: a problem.
    private mutating func orderByTunnelCidrs() {
        guard !tunnelCidrs.given.isEmpty else { return }
        let moves = tunnelCidrs
        let takenBy = Dictionary(grouping: moves.taken, by: \.operation)
        for taken in moves.taken {
            guard let given = moves.given[TunnelCidrMoves.Key(region: taken.region, cidr: taken.cidr)],
                  given.address != taken.address else { continue }
            let swapped = (takenBy[given.operation] ?? []).contains { other in
                moves.given[TunnelCidrMoves.Key(region: other.region, cidr: other.cidr)]?.operation == taken.operation
            }
            if swapped {
                problems.append(PlanProblem(
                    address: taken.address, field: "tunnels",
                    message: "\(taken.address) and \(given.address) swap tunnel CIDRs (\(taken.cidr) among them); each would have to wait for the other, because a tunnel CIDR is unique in its region",
                    hint: "move one connection to an unused /30 first and apply, then give it the other's block in a second apply"))
                continue
            }
            builder.addDependencies([given.operation], to: taken.operation)
            var notes = ["waits for \(given.deleting ? "the delete" : "the modify") of \(given.address), which frees tunnel CIDR \(taken.cidr) (unique in the region)"]
            if given.deleting && builder.contains(PlanOperation.id(address: taken.address, object: .connection, action: .create)) {
                notes.insert(Self.destroyBeforeCreateNote, at: 0)
                notes.append("renaming? tunnelform state mv \(given.address) \(taken.address) renames in place, without an outage")
            }
            builder.addNotes(notes, to: taken.operation)
        }
    }

    /// Key changes per tunnel; with no record, every key is new.
    private func keyChanges(_ connection: VpnConnection, record: ConnectionRecord?) -> [AttributeChange] {
        connection.tunnels.indices.compactMap { index in
            let slot = SecretSlot.preSharedKey(connection: connection.name, tunnel: index)
            let recorded = record?.tunnels.first { $0.index == index + 1 }
            return secretChange(slot, name: "tunnel\(index + 1).preSharedKey", recorded: recorded?.preSharedKeyDigest, isNew: record == nil)
        }
    }

    /// Plans attachment, association, propagation and grant against what exists. Returns the ids
    /// of the operations that build the connection's binding, for create-before-destroy.
    @discardableResult
    private mutating func planSubObjects(_ connection: VpnConnection, current record: ConnectionRecord?,
                                         connectionOperation: String?, reason: String) -> [String] {
        let address = connection.address
        let region = connection.region
        let wanted = Wanted(connection)
        let payload = PlanPayload.connection(connection)
        let base = connectionOperation.map { [$0] } ?? []
        var built: [String] = []

        // Tear down what the new binding does not keep: propagation, association, attachment, grant.
        let current = record?.attachment
        let keepAttachment = current != nil && current?.cenId == wanted.attachment?.cenId
        var detach: [String] = []
        if let current, let record {
            if record.propagating && !(keepAttachment && wanted.propagating) {
                detach.append(builder.add(PlanOperation(address: address, object: .routeTablePropagation, action: .delete, region: region,
                                                        cloudId: current.id,
                                                        reason: keepAttachment ? removalReason(address, .routeTablePropagation, fallback: "disabled in the manifests") : "the binding changed",
                                                        settlesTo: "gone", payload: payload)))
            }
            if record.associated && !(keepAttachment && wanted.associated) {
                detach.append(builder.add(PlanOperation(address: address, object: .routeTableAssociation, action: .delete, region: region,
                                                        cloudId: current.id,
                                                        reason: keepAttachment ? removalReason(address, .routeTableAssociation, fallback: "disabled in the manifests") : "the binding changed",
                                                        waitsFor: detach, settlesTo: "gone", payload: payload)))
            }
            if !keepAttachment {
                detach.append(builder.add(PlanOperation(address: address, object: .transitRouterAttachment, action: .delete, region: region,
                                                        cloudId: current.id, changes: Attributes.diff(Attributes.attachment(cenId: current.cenId, advertise: current.autoPublishRoutes), nil),
                                                        reason: wanted.attachment == nil ? "the connection is now bound cross-account" : "the binding changed",
                                                        waitsFor: detach, settlesTo: "gone", payload: payload)))
            }
        }
        if let grant = record?.grant, grant != wanted.grant, let record {
            detach.append(builder.add(PlanOperation(address: address, object: .grant, action: .revoke, region: region, cloudId: record.id,
                                                    changes: Attributes.diff(Attributes.grant(cenId: grant.cenId, cenOwnerUid: grant.cenOwnerUid, payer: grant.payer), nil),
                                                    reason: removalReason(address, .grant, fallback: "the binding changed"), waitsFor: detach, payload: payload)))
        }

        // Build what the binding needs.
        if let attachment = wanted.attachment {
            var attach: String?
            if keepAttachment, let current {
                if current.autoPublishRoutes != attachment.advertise {
                    builder.add(PlanOperation(address: address, object: .transitRouterAttachment, action: .modify, region: region, cloudId: current.id,
                                              changes: Attributes.diff(Attributes.attachment(cenId: current.cenId, advertise: current.autoPublishRoutes),
                                                                       Attributes.attachment(cenId: attachment.cenId, advertise: attachment.advertise)),
                                              reason: modifyReason(address, .transitRouterAttachment, changes: [AttributeChange(name: "routes.advertise", before: nil, after: nil)]),
                                              waitsFor: base, payload: payload))
                }
            } else {
                attach = builder.add(PlanOperation(address: address, object: .transitRouterAttachment, action: .create, region: region,
                                                   changes: Attributes.diff(nil, Attributes.attachment(cenId: attachment.cenId, advertise: attachment.advertise))
                                                       + Self.assignedGatewayIps,
                                                   reason: record?.attachment == nil && record != nil ? subReason(address, .transitRouterAttachment, fallback: reason) : reason,
                                                   waitsFor: base + detach, settlesTo: "Attached", payload: payload))
                built.append(attach!)
            }
            let hadAssociation = keepAttachment && (record?.associated ?? false)
            var associate: String?
            if wanted.associated && !hadAssociation {
                associate = builder.add(PlanOperation(address: address, object: .routeTableAssociation, action: .create, region: region,
                                                      reason: attach == nil ? subReason(address, .routeTableAssociation, fallback: "enabled in the manifests") : reason,
                                                      waitsFor: attach.map { [$0] } ?? base, settlesTo: "Active", payload: payload))
                built.append(associate!)
            }
            let hadPropagation = keepAttachment && (record?.propagating ?? false)
            if wanted.propagating && !hadPropagation {
                built.append(builder.add(PlanOperation(address: address, object: .routeTablePropagation, action: .create, region: region,
                                                       reason: attach == nil ? subReason(address, .routeTablePropagation, fallback: "enabled in the manifests") : reason,
                                                       waitsFor: (associate ?? attach).map { [$0] } ?? base, settlesTo: "Active", payload: payload)))
            }
        }
        if let grant = wanted.grant, grant != record?.grant {
            built.append(builder.add(PlanOperation(address: address, object: .grant, action: .grant, region: region,
                                                   changes: Attributes.diff(nil, Attributes.grant(cenId: grant.cenId, cenOwnerUid: grant.cenOwnerUid, payer: grant.payer)),
                                                   reason: record?.grant == nil && record != nil ? subReason(address, .grant, fallback: reason) : reason,
                                                   waitsFor: base + detach, payload: payload)))
        }
        return built
    }

    private func subReason(_ address: ResourceAddress, _ object: PlanObject, fallback: String) -> String {
        input.deletedOutside.contains(Refresher.ObjectKey(address: address, object: object)) ? "deleted outside Tunnelform" : fallback
    }

    /// Deletes a connection and everything attached to it, in the cloud's order: propagation,
    /// association, attachment, grant, connection. Returns the id of the connection's delete.
    @discardableResult
    private mutating func planTeardown(_ record: ConnectionRecord, address: ResourceAddress, region: String, deposed: Bool,
                                       reason: String, after: [String]) -> String {
        var chain = after
        func step(_ object: PlanObject, _ action: PlanAction, cloudId: String, settles: String?, changes: [AttributeChange] = []) {
            let id = builder.add(PlanOperation(address: address, object: object, action: action, region: region, cloudId: cloudId,
                                               changes: changes, reason: reason, waitsFor: chain, settlesTo: settles, deposed: deposed))
            chain = [id]
        }
        if let attachment = record.attachment {
            if record.propagating { step(.routeTablePropagation, .delete, cloudId: attachment.id, settles: "gone") }
            if record.associated { step(.routeTableAssociation, .delete, cloudId: attachment.id, settles: "gone") }
            step(.transitRouterAttachment, .delete, cloudId: attachment.id, settles: "gone",
                 changes: Attributes.diff(Attributes.attachment(cenId: attachment.cenId, advertise: attachment.autoPublishRoutes), nil))
        }
        if let grant = record.grant {
            step(.grant, .revoke, cloudId: record.id, settles: nil,
                 changes: Attributes.diff(Attributes.grant(cenId: grant.cenId, cenOwnerUid: grant.cenOwnerUid, payer: grant.payer), nil))
        }
        var gatewayIds: [String: String] = [:]
        for (index, tunnel) in record.applied.tunnels.enumerated() where index < record.tunnels.count {
            gatewayIds[tunnel.customerGateway] = record.tunnels[index].customerGatewayId
        }
        step(.connection, .delete, cloudId: record.id, settles: "gone",
             changes: Attributes.diff(Attributes.connection(record.applied, gatewayIds: gatewayIds), nil))
        noteGatewayUsers(record.tunnels.map(\.customerGatewayId), operation: chain[0])
        return chain[0]
    }
}
