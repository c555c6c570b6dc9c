extension State {
    /// Every record with its address, in no particular order: for loops whose result does not
    /// depend on the order. Each key is parsed once.
    var unorderedRecords: [(address: ResourceAddress, resource: ResourceState)] {
        var records: [(address: ResourceAddress, resource: ResourceState)] = []
        records.reserveCapacity(resources.count)
        for (key, resource) in resources {
            if let address = ResourceAddress(parsing: key) { records.append((address, resource)) }
        }
        return records
    }

    /// The records `isIncluded` accepts (given the key, e.g. `VpnConnection/dc1`, and the record), in address order.
    ///
    /// Only the keys are sorted, with their places in `resources`: sorting the records themselves
    /// would copy a whole record for every comparison.
    func sortedRecords(where isIncluded: (String, ResourceState) -> Bool = { _, _ in true }) -> [(address: ResourceAddress, resource: ResourceState)] {
        var places: [(address: ResourceAddress, index: [String: ResourceState].Index)] = []
        for index in resources.indices where isIncluded(resources[index].key, resources[index].value) {
            if let address = ResourceAddress(parsing: resources[index].key) { places.append((address, index)) }
        }
        places.sort { $0.address < $1.address }
        return places.map { ($0.address, resources[$0.index].value) }
    }

}
