import TunnelformCore

/// Tags and resource groups, which the API changes with calls of their own (`TagResources`,
/// `UnTagResources`, `MoveVpnResourceGroup`) rather than through an object's modify call. The
/// emulator serves them; `SimulatedProvider` changes tags through its modify requests instead.
extension SimulatedCloud {
    /// The objects `TagResources` and `UnTagResources` accept, with the API's `ResourceType` words.
    public enum TaggedKind: String, Sendable, CaseIterable {
        case customerGateway = "CUSTOMERGATEWAY"
        case connection = "VPNATTACHMENT"
    }

    /// Adds or overwrites `tags` on every object of `ids`; all or nothing.
    public func tag(region name: String, kind: TaggedKind, ids: [String], tags: [String: String]) throws(CloudError) {
        try retag(region: name, kind: kind, ids: ids) { current throws(CloudError) in
            let merged = current.merging(tags) { _, new in new }
            try Self.validateTags(merged)
            return merged
        }
    }

    /// Removes the tags named in `keys` (every tag when `all`) from every object of `ids`.
    public func untag(region name: String, kind: TaggedKind, ids: [String], keys: [String], all: Bool) throws(CloudError) {
        try retag(region: name, kind: kind, ids: ids) { current throws(CloudError) in
            all ? [:] : current.filter { !keys.contains($0.key) }
        }
    }

    /// Moves a connection to another resource group.
    public func moveResourceGroup(region name: String, connectionId: String, to group: String) throws(CloudError) {
        applyDueTransitions()
        guard !group.isEmpty else { throw .missing("NewResourceGroupId") }
        var region = region(name)
        guard var stored = region.connections[connectionId] else { throw .connectionNotFound(connectionId) }
        stored.connection.resourceGroupId = group
        region.connections[connectionId] = stored
        state.regions[name] = region
        revision += 1
    }

    private func retag(
        region name: String, kind: TaggedKind, ids: [String],
        _ change: ([String: String]) throws(CloudError) -> [String: String]
    ) throws(CloudError) {
        applyDueTransitions()
        guard !ids.isEmpty else { throw .missing("ResourceId.1") }
        var region = region(name)
        for id in ids {
            switch kind {
            case .customerGateway:
                guard var gateway = region.customerGateways[id] else { throw .customerGatewayNotFound(id) }
                gateway.tags = try change(gateway.tags)
                region.customerGateways[id] = gateway
            case .connection:
                guard var stored = region.connections[id] else { throw .connectionNotFound(id) }
                stored.connection.tags = try change(stored.connection.tags)
                region.connections[id] = stored
            }
        }
        state.regions[name] = region
        revision += 1
    }
}
