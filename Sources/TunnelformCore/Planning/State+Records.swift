extension State {
    /// Every record with its address, in address order: what `addresses` and a lookup per address
    /// give, without building each address's key again to look it up.
    var records: [(address: ResourceAddress, resource: ResourceState)] {
        resources.compactMap { key, resource in ResourceAddress(parsing: key).map { ($0, resource) } }
            .sorted { $0.address < $1.address }
    }
}
