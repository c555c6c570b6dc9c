extension State {
    /// Every record with its address, in address order, looked up once for all the loops that need them.
    /// (Sorting the records themselves instead of the addresses copies a whole record for every comparison.)
    var records: [(address: ResourceAddress, resource: ResourceState)] {
        addresses.compactMap { address in self[address].map { (address, $0) } }
    }
}
