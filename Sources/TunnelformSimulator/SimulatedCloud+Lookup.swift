import TunnelformCore

/// Single-object reads for fronts that answer one Describe or List call at a time (the emulator):
/// the same views `inventory(region:)` gives, without building a whole region. Like every call,
/// each first applies the changes that came due; none is counted as an API call.
extension SimulatedCloud {
    public func customerGateway(region name: String, id: String) -> CloudCustomerGateway? {
        applyDueTransitions()
        return region(name).customerGateways[id]
    }

    /// The connection as DescribeVpnConnection reports it, defaults and negotiation statuses filled in.
    public func connection(region name: String, id: String) -> CloudConnection? {
        applyDueTransitions()
        let region = region(name)
        return region.connections[id].map { describe($0, in: region) }
    }

    public func attachment(region name: String, id: String) -> CloudTransitRouterAttachment? {
        applyDueTransitions()
        return region(name).attachments[id]?.attachment
    }

    /// The attachment's association with its default route table, if any.
    public func association(region name: String, attachmentId: String) -> CloudRouteTableLink? {
        applyDueTransitions()
        return region(name).associations[attachmentId]?.link
    }

    /// The attachment's propagation to its default route table, if any.
    public func propagation(region name: String, attachmentId: String) -> CloudRouteTableLink? {
        applyDueTransitions()
        return region(name).propagations[attachmentId]?.link
    }

    /// The region holding a customer gateway, connection or transit-router attachment with this id.
    public func region(holding id: String) -> String? {
        state.regions.keys.sorted().first { name in
            guard let region = state.regions[name] else { return false }
            return region.customerGateways[id] != nil || region.connections[id] != nil || region.attachments[id] != nil
        }
    }
}
