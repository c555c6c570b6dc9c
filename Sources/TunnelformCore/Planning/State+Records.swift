extension State {
    /// Every record with its address, in address order, looked up once for all the loops that need them.
    ///
    /// The keys are parsed once and sorted with their places in `resources`: looking each address
    /// up again would spell it out as a key, and sorting the records themselves would copy a whole
    /// record for every comparison.
    var records: [(address: ResourceAddress, resource: ResourceState)] {
        var places: [(address: ResourceAddress, index: [String: ResourceState].Index)] = []
        places.reserveCapacity(resources.count)
        for index in resources.indices {
            if let address = ResourceAddress(parsing: resources[index].key) { places.append((address, index)) }
        }
        places.sort { $0.address < $1.address }
        return places.map { ($0.address, resources[$0.index].value) }
    }
}
