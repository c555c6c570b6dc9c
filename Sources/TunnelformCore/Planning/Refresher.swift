/// Brings the state up to date with what the provider observed: fills in tunnel ids and gateway
/// IPs, and drops records of objects that no longer exist, remembering which ones so that the
/// plan can say they were deleted outside Tunnelform.
public struct Refresher: Sendable {
    public struct Result: Sendable {
        public var state: State
        /// Objects the state recorded but the cloud no longer has.
        public var deletedOutside: Set<ObjectKey>
    }

    /// An object of an address, e.g. the transit-router attachment of `VpnConnection/dc1`.
    public struct ObjectKey: Hashable, Sendable {
        public var address: ResourceAddress
        public var object: PlanObject
    }

    public init() {}

    public func refresh(_ state: State, inventories: [String: CloudInventory]) -> Result {
        var refreshed = state
        var gone = Set<ObjectKey>()
        let indexes = inventories.mapValues(InventoryIndex.init)
        for address in state.addresses {
            guard var resource = state[address], let inventory = indexes[resource.region] else { continue }
            if let gateway = resource.customerGateway, inventory.customerGateways[gateway.id] == nil {
                resource.customerGateway = nil
                gone.insert(ObjectKey(address: address, object: .customerGateway))
            }
            if var record = resource.connection {
                if let observed = inventory.connections[record.id] {
                    refresh(&record, from: observed, inventory: inventory, address: address, gone: &gone)
                    resource.connection = record
                } else {
                    resource.connection = nil
                    gone.insert(ObjectKey(address: address, object: .connection))
                }
            }
            resource.deposed = resource.deposed.filter { deposed in
                switch deposed {
                case .customerGateway(let id): inventory.customerGateways[id] != nil
                case .connection(let record): inventory.connections[record.id] != nil
                }
            }
            refreshed[address] = resource.isEmpty ? nil : resource
        }
        return Result(state: refreshed, deletedOutside: gone)
    }

    private func refresh(_ record: inout ConnectionRecord, from observed: CloudConnection, inventory: InventoryIndex,
                         address: ResourceAddress, gone: inout Set<ObjectKey>) {
        for tunnel in observed.tunnels {
            guard let position = record.tunnels.firstIndex(where: { $0.index == tunnel.index }) else { continue }
            record.tunnels[position].id = tunnel.id
            record.tunnels[position].gatewayIp = tunnel.gatewayIp
        }
        if let attachment = record.attachment {
            if inventory.attachments[attachment.id] == nil {
                record.attachment = nil
                record.associated = false
                record.propagating = false
                gone.insert(ObjectKey(address: address, object: .transitRouterAttachment))
            } else {
                if record.associated && inventory.associations[attachment.id] == nil {
                    record.associated = false
                    gone.insert(ObjectKey(address: address, object: .routeTableAssociation))
                }
                if record.propagating && inventory.propagations[attachment.id] == nil {
                    record.propagating = false
                    gone.insert(ObjectKey(address: address, object: .routeTablePropagation))
                }
            }
        }
        if let grant = record.grant, !(inventory.grants[record.id] ?? []).contains(where: { $0.cenId == grant.cenId }) {
            record.grant = nil
            gone.insert(ObjectKey(address: address, object: .grant))
        }
    }
}
