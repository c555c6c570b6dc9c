import Foundation

/// Brings the state up to date with what the provider observed and reports drift: attributes,
/// tunnel settings and keys changed outside Tunnelform, objects deleted outside it, and route-table
/// links or grants switched on outside it.
///
/// Pure: the only non-determinism, the salt of a digest for a key that appeared outside
/// Tunnelform, is injected.
public struct Refresher: Sendable {
    public struct Result: Sendable {
        /// Every record brought to what the cloud has: the input of planning and of `apply --refresh-only`.
        public var state: State
        /// The recorded state with only cloud-filled values updated (tunnel ids, gateway IPs, vanished
        /// deposed objects): drift stays visible to the next plan.
        public var filled: State
        /// Objects the state recorded but the cloud no longer has.
        public var deletedOutside: Set<ObjectKey>
        /// In address and object order.
        public var drift: [Drift]

        public init(state: State, filled: State? = nil, deletedOutside: Set<ObjectKey> = [], drift: [Drift] = []) {
            self.state = state
            self.filled = filled ?? state
            self.deletedOutside = deletedOutside
            self.drift = drift
        }

        /// The refreshed records of `addresses` and, elsewhere, the recorded ones with only
        /// cloud-filled values updated.
        public func state(absorbingDriftOf addresses: Set<ResourceAddress>) -> State {
            var merged = filled
            for address in addresses { merged[address] = state[address] }
            return merged
        }
    }

    /// An object of an address, e.g. the transit-router attachment of `VpnConnection/dc1`.
    public struct ObjectKey: Hashable, Sendable {
        public var address: ResourceAddress
        public var object: PlanObject

        public init(address: ResourceAddress, object: PlanObject) {
            self.address = address
            self.object = object
        }
    }

    /// Digests a key that appeared where none was recorded; nil when it cannot.
    public var digest: @Sendable (String) -> SecretDigest?
    /// Whether a key the cloud returned is the one a recorded digest was made from (the CLI answers
    /// through the local verification cache).
    public var matches: @Sendable (SecretDigest, String) -> Bool

    public init(digest: @escaping @Sendable (String) -> SecretDigest? = { try? SecretDigest(of: $0) },
                matches: @escaping @Sendable (SecretDigest, String) -> Bool = { $0.matches($1) }) {
        self.digest = digest
        self.matches = matches
    }

    /// Every (recorded digest, key the cloud returned) pair a refresh of `state` will check, so the
    /// slow checks can be made ahead, all at once, on every core.
    public static func keyChecks(_ state: State, inventories: [String: CloudInventory]) -> [(digest: SecretDigest, secret: String)] {
        keyChecks(state, indexes: inventories.mapValues(InventoryIndex.init))
    }

    /// `keyChecks` from inventories indexed by region, so that a refresh indexes them once.
    public static func keyChecks(_ state: State, indexes: [String: InventoryIndex]) -> [(digest: SecretDigest, secret: String)] {
        var checks: [(digest: SecretDigest, secret: String)] = []
        // In no particular order: the checks are made all at once.
        for resource in state.resources.values {
            guard let inventory = indexes[resource.region] else { continue }
            if let gateway = resource.customerGateway, let digest = gateway.authKeyDigest,
               let key = inventory.customerGateways[gateway.id]?.authKey, ObservedModel.isKnownKey(key) {
                checks.append((digest, key))
            }
            if let connection = resource.connection, let observed = inventory.connections[connection.id] {
                for tunnel in observed.tunnels where ObservedModel.isKnownKey(tunnel.preSharedKey) {
                    if let digest = connection.tunnels.first(where: { $0.index == tunnel.index })?.preSharedKeyDigest {
                        checks.append((digest, tunnel.preSharedKey))
                    }
                }
            }
        }
        return checks
    }

    public func refresh(_ state: State, inventories: [String: CloudInventory]) -> Result {
        refresh(state, indexes: inventories.mapValues(InventoryIndex.init))
    }

    /// `refresh` from inventories indexed by region.
    ///
    /// Regions are independent: a record is compared only with its own region's inventory and
    /// gateways. So they are refreshed concurrently, each into the records it changes and the drift
    /// it found, and merged in address order: the result is the same however many run at once.
    public func refresh(_ state: State, indexes: [String: InventoryIndex]) -> Result {
        let interrupted = Set(state.pendingOperations.map(\.address))
        // In no particular order: each region's drift is sorted below.
        let records = state.unorderedRecords
        // Positions in `records` by region (a record is large: positions are cheaper to group).
        var positions: [String: [Int]] = [:]
        for position in records.indices where indexes[records[position].resource.region] != nil {
            positions[records[position].resource.region, default: []].append(position)
        }
        let regions = positions.sorted { $0.key < $1.key }
        let outcomes = Concurrently.map(regions.count) { position in
            let (region, members) = regions[position]
            guard let inventory = indexes[region] else { return RegionOutcome() }
            return refresh(records, members, inventory: inventory, interrupted: interrupted)
        }
        var refreshed = state
        var filled = state
        var drift: [Drift] = []
        for outcome in outcomes {
            for (address, resource) in outcome.refreshed { refreshed[address] = resource }
            for (address, resource) in outcome.filled { filled[address] = resource }
            drift += outcome.drift
        }
        // Each address is refreshed once, in one region, its drift in the order it was found: a stable
        // sort by address puts the whole list in the order of a refresh one record after another.
        drift = drift.enumerated().sorted { ($0.element.address, $0.offset) < ($1.element.address, $1.offset) }.map(\.element)
        let gone = Set(drift.filter { $0.kind == .deleted }.map(\.key))
        return Result(state: refreshed, filled: filled, deletedOutside: gone, drift: drift)
    }

    /// What the refresh of one region changes: the records to write in the refreshed and in the
    /// filled state (nil: remove), and the drift it found, each address's drift together.
    private struct RegionOutcome: Sendable {
        var refreshed: [(address: ResourceAddress, resource: ResourceState?)] = []
        var filled: [(address: ResourceAddress, resource: ResourceState?)] = []
        var drift: [Drift] = []
    }

    /// Refreshes the records of one region (`members`, positions in `records`) from that region's
    /// inventory.
    private func refresh(_ records: [(address: ResourceAddress, resource: ResourceState)], _ members: [Int], inventory: InventoryIndex,
                         interrupted interruptedAddresses: Set<ResourceAddress>) -> RegionOutcome {
        var outcome = RegionOutcome()
        // Looked up for every connection, so built once: the region's gateway names by id, and the
        // cloud's gateway addresses by id.
        var gatewayNames: [String: String] = [:]
        for position in members where records[position].address.kind == .customerGateway {
            // Two records of one id (a hand-edited state) resolve the same whatever the order: the name last in order wins.
            guard let id = records[position].resource.customerGateway?.id else { continue }
            let name = records[position].address.name
            if gatewayNames[id].map({ $0 < name }) ?? true { gatewayNames[id] = name }
        }
        let gatewayAddresses = inventory.customerGateways.mapValues(\.ipAddress)
        for position in members {
            let (address, original) = records[position]
            var resource = original
            var filledResource = original
            // An interrupted apply's own changes are not drift: the record stays as it is, so the
            // plan repeats the operation with its journaled token and records the result.
            let interrupted = interruptedAddresses.contains(address)
            // Only what changed is written: a record left as it was keeps sharing the recorded storage,
            // and compares equal to it without looking inside.
            if let gateway = resource.customerGateway {
                if let observed = inventory.customerGateways[gateway.id] {
                    if !interrupted, let updated = refresh(gateway, from: observed, address: address, drift: &outcome.drift) {
                        resource.customerGateway = updated
                    }
                } else {
                    resource.customerGateway = nil
                    outcome.drift.append(Drift(address: address, object: .customerGateway, kind: .deleted, cloudId: gateway.id))
                }
            }
            if let record = resource.connection {
                if let observed = inventory.connections[record.id] {
                    var cloudFilled = record
                    let filled = Self.fillCloudValues(&cloudFilled, from: observed)
                    if filled { filledResource.connection = cloudFilled }
                    if interrupted {
                        var kept = cloudFilled
                        let linksChanged = refreshLinks(&kept, inventory: inventory, address: address, deletionsOnly: true, drift: &outcome.drift)
                        if filled || linksChanged { resource.connection = kept }
                    } else if let updated = refresh(record, filled: cloudFilled, wasFilled: filled, from: observed, inventory: inventory,
                                                    gatewayNames: gatewayNames, gatewayAddresses: gatewayAddresses, address: address,
                                                    drift: &outcome.drift) {
                        resource.connection = updated
                    }
                } else {
                    resource.connection = nil
                    outcome.drift.append(Drift(address: address, object: .connection, kind: .deleted, cloudId: record.id))
                }
            }
            let deposed = resource.deposed.filter { deposed in
                switch deposed {
                case .customerGateway(let id): inventory.customerGateways[id] != nil
                case .connection(let record): inventory.connections[record.id] != nil
                }
            }
            if deposed.count != resource.deposed.count {
                resource.deposed = deposed
                filledResource.deposed = deposed
            }
            Self.update(&outcome.refreshed, address, to: resource, from: original)
            Self.update(&outcome.filled, address, to: filledResource, from: original)
        }
        return outcome
    }

    /// Notes the refreshed record of `address` to be stored (none when it is empty). One the refresh
    /// left as it was is not written: a state the cloud still matches keeps sharing the recorded
    /// one's storage instead of copying every record.
    private static func update(_ writes: inout [(address: ResourceAddress, resource: ResourceState?)], _ address: ResourceAddress,
                               to resource: ResourceState, from original: ResourceState) {
        if resource.isEmpty {
            writes.append((address, nil))
        } else if resource != original {
            writes.append((address, resource))
        }
    }

    /// Tunnel ids and gateway IPs: values the cloud assigns, never drift. Only values that differ
    /// are written, so a record the cloud already matches keeps sharing its tunnels' storage.
    /// Returns whether anything was written.
    static func fillCloudValues(_ record: inout ConnectionRecord, from observed: CloudConnection) -> Bool {
        var written = false
        for tunnel in observed.tunnels {
            guard let position = record.tunnels.firstIndex(where: { $0.index == tunnel.index }) else { continue }
            if record.tunnels[position].id != tunnel.id {
                record.tunnels[position].id = tunnel.id
                written = true
            }
            if record.tunnels[position].gatewayIp != tunnel.gatewayIp {
                record.tunnels[position].gatewayIp = tunnel.gatewayIp
                written = true
            }
        }
        return written
    }

    /// The gateway record brought up to date; nil when the cloud still matches it.
    private func refresh(_ gateway: CustomerGatewayRecord, from observed: CloudCustomerGateway, address: ResourceAddress,
                         drift: inout [Drift]) -> CustomerGatewayRecord? {
        var updated = gateway
        let applied = ObservedModel.customerGateway(observed, base: gateway.applied)
        let appliedChanged = applied != gateway.applied
        var changes: [AttributeChange] = []
        if appliedChanged {
            updated.applied = applied
            changes = Attributes.changes(from: gateway.applied, to: updated.applied)
        }
        let key = keyDrift(name: "bgpAuthKey", recorded: gateway.authKeyDigest, observed: observed.authKey,
                           undeclaredKeyIsDrift: gateway.applied.bgpAuthKey == nil)
        if let change = key.change {
            changes.append(change)
            updated.authKeyDigest = key.digest
        }
        if !changes.isEmpty {
            drift.append(Drift(address: address, object: .customerGateway, kind: .changed, cloudId: gateway.id, changes: changes))
        }
        return appliedChanged || key.change != nil ? updated : nil
    }

    /// `gatewayNames` and `gatewayAddresses` cover the connection's region: the names the state knows
    /// by gateway id, and the addresses the cloud reports by gateway id.
    /// `filled` is `original` with the cloud's values filled in (`fillCloudValues`), `wasFilled`
    /// whether that changed anything. Returns the record brought up to date; nil when the cloud still
    /// matches `original`.
    private func refresh(_ original: ConnectionRecord, filled: ConnectionRecord, wasFilled: Bool, from observed: CloudConnection,
                         inventory: InventoryIndex, gatewayNames: [String: String], gatewayAddresses: [String: IPv4Address],
                         address: ResourceAddress, drift: inout [Drift]) -> ConnectionRecord? {
        var record = filled
        // Gateway names by id: those the state knows in this region, then this record's own.
        // Only the gateways this connection's tunnels use, so the region's map is read, never copied.
        var names: [String: String] = [:]
        for (index, tunnel) in original.applied.tunnels.enumerated() where index < original.tunnels.count {
            let id = original.tunnels[index].customerGatewayId
            names[id] = gatewayNames[id] ?? tunnel.customerGateway
        }
        for tunnel in observed.tunnels where names[tunnel.customerGatewayId] == nil {
            names[tunnel.customerGatewayId] = gatewayNames[tunnel.customerGatewayId]
        }
        let applied = ObservedModel.connection(observed, base: original.applied, gatewayNames: names,
                                               gatewayAddresses: gatewayAddresses)
        // Equal values keep the recorded ones, whose storage the unchanged state shares (and
        // compares without looking inside).
        var changed = wasFilled
        let appliedChanged = applied != original.applied
        if appliedChanged { record.applied = applied }
        var gatewaysChanged = false
        for tunnel in observed.tunnels {
            guard let position = record.tunnels.firstIndex(where: { $0.index == tunnel.index }),
                  record.tunnels[position].customerGatewayId != tunnel.customerGatewayId else { continue }
            record.tunnels[position].customerGatewayId = tunnel.customerGatewayId
            gatewaysChanged = true
        }
        // The same settings and gateways cannot differ in any attribute.
        var changes: [AttributeChange] = []
        if appliedChanged || gatewaysChanged {
            changed = true
            changes = Attributes.changes(from: original.applied, gatewayIds: Self.gatewayIds(original),
                                         to: record.applied, gatewayIds: Self.gatewayIds(record))
        }
        for tunnel in observed.tunnels {
            guard let position = record.tunnels.firstIndex(where: { $0.index == tunnel.index }) else { continue }
            // A key the manifests leave to the cloud is the cloud's to change.
            let key = keyDrift(name: "tunnel\(tunnel.index).preSharedKey", recorded: record.tunnels[position].preSharedKeyDigest,
                               observed: tunnel.preSharedKey, undeclaredKeyIsDrift: false)
            if let change = key.change {
                changes.append(change)
                record.tunnels[position].preSharedKeyDigest = key.digest
                changed = true
            }
        }
        if !changes.isEmpty {
            drift.append(Drift(address: address, object: .connection, kind: .changed, cloudId: record.id, changes: changes))
        }
        if refreshLinks(&record, inventory: inventory, address: address, deletionsOnly: false, drift: &drift) { changed = true }
        return changed ? record : nil
    }

    /// The attachment (gone once it is detaching), its route-table links, and the grant.
    /// With `deletionsOnly`, only what disappeared is dropped (the refresh of an interrupted apply).
    /// Returns whether `record` changed: each change is reported as drift.
    private func refreshLinks(_ record: inout ConnectionRecord, inventory: InventoryIndex, address: ResourceAddress, deletionsOnly: Bool,
                              drift: inout [Drift]) -> Bool {
        let found = drift.count
        if let attachment = record.attachment {
            if let observed = inventory.attachments[attachment.id], observed.status != .detaching {
                if observed.autoPublishRouteEnabled != attachment.autoPublishRoutes && !deletionsOnly {
                    drift.append(Drift(address: address, object: .transitRouterAttachment, kind: .changed, cloudId: attachment.id,
                                       changes: Attributes.diff(Attributes.attachment(cenId: attachment.cenId, advertise: attachment.autoPublishRoutes),
                                                                Attributes.attachment(cenId: attachment.cenId, advertise: observed.autoPublishRouteEnabled))))
                    record.attachment?.autoPublishRoutes = observed.autoPublishRouteEnabled
                }
                let associated = inventory.associations[attachment.id].map { $0.status != .removing } ?? false
                if associated != record.associated && !(deletionsOnly && associated) {
                    drift.append(Drift(address: address, object: .routeTableAssociation, kind: associated ? .added : .deleted, cloudId: attachment.id))
                    record.associated = associated
                }
                let propagating = inventory.propagations[attachment.id].map { $0.status != .removing } ?? false
                if propagating != record.propagating && !(deletionsOnly && propagating) {
                    drift.append(Drift(address: address, object: .routeTablePropagation, kind: propagating ? .added : .deleted, cloudId: attachment.id))
                    record.propagating = propagating
                }
            } else {
                drift.append(Drift(address: address, object: .transitRouterAttachment, kind: .deleted, cloudId: attachment.id,
                                   changes: Attributes.diff(Attributes.attachment(cenId: attachment.cenId, advertise: attachment.autoPublishRoutes), nil)))
                record.attachment = nil
                record.associated = false
                record.propagating = false
            }
        }
        let observedGrants = inventory.grants[record.id] ?? []
        if let grant = record.grant {
            if let observed = observedGrants.first(where: { $0.cenId == grant.cenId }) {
                let now = GrantRecord(cenId: observed.cenId, cenOwnerUid: observed.cenOwnerUid, payer: observed.payer)
                if now != grant && !deletionsOnly {
                    drift.append(Drift(address: address, object: .grant, kind: .changed, cloudId: record.id,
                                       changes: Attributes.diff(Self.attributes(grant), Self.attributes(now))))
                    record.grant = now
                }
            } else {
                drift.append(Drift(address: address, object: .grant, kind: .deleted, cloudId: record.id,
                                   changes: Attributes.diff(Self.attributes(grant), nil)))
                record.grant = nil
            }
        } else if let observed = observedGrants.first, !deletionsOnly {
            let now = GrantRecord(cenId: observed.cenId, cenOwnerUid: observed.cenOwnerUid, payer: observed.payer)
            drift.append(Drift(address: address, object: .grant, kind: .added, cloudId: record.id,
                               changes: Attributes.diff(nil, Self.attributes(now))))
            record.grant = now
        }
        return drift.count != found
    }

    /// A key's drift: nil when the cloud's key is unknown (empty or masked), matches the recorded
    /// digest, or is not Tunnelform's to compare. A changed key gets a digest with the recorded salt.
    private func keyDrift(name: @autoclosure () -> String, recorded: SecretDigest?, observed: String?, undeclaredKeyIsDrift: Bool)
        -> (change: AttributeChange?, digest: SecretDigest?) {
        guard ObservedModel.isKnownKey(observed), let observed else { return (nil, recorded) }
        if let recorded {
            guard !matches(recorded, observed) else { return (nil, recorded) }
            let salt = [UInt8](Data(base64Encoded: recorded.salt) ?? Data())
            let digest = (try? SecretDigest(of: observed, salt: salt, iterations: recorded.iterations)) ?? self.digest(observed)
            return (AttributeChange(name: name(), before: "(sensitive)", after: "(sensitive)", sensitive: true), digest)
        }
        guard undeclaredKeyIsDrift else { return (nil, recorded) }
        return (AttributeChange(name: name(), before: nil, after: "(sensitive)", sensitive: true), digest(observed))
    }

    static func gatewayIds(_ record: ConnectionRecord) -> [String: String] {
        var ids: [String: String] = [:]
        for (index, tunnel) in record.applied.tunnels.enumerated() where index < record.tunnels.count {
            if tunnel.customerGateway != record.tunnels[index].customerGatewayId { ids[tunnel.customerGateway] = record.tunnels[index].customerGatewayId }
        }
        return ids
    }

    static func attributes(_ grant: GrantRecord) -> Attributes.List {
        Attributes.grant(cenId: grant.cenId, cenOwnerUid: grant.cenOwnerUid, payer: grant.payer)
    }
}
