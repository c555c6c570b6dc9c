/// The tunnel CIDR blocks a plan's operations take up and give up, per region: a block is unique in its
/// region, so an operation that takes one must wait for the operation that gives it up.
///
/// Filled while connections are planned (each chunk its own, then absorbed) and read once at the end,
/// so a plan without BGP changes pays nothing for it.
struct TunnelCidrMoves: Sendable {
    struct Key: Hashable, Sendable {
        var region: String
        var cidr: IPv4Network
    }

    struct Taken: Sendable {
        var region: String
        var cidr: IPv4Network
        var operation: String
        var address: ResourceAddress
    }

    struct Given: Sendable {
        var operation: String
        var address: ResourceAddress
        /// The connection is deleted (rather than modified to another block).
        var deleting: Bool
    }

    private(set) var taken: [Taken] = []
    private(set) var given: [Key: Given] = [:]

    mutating func take(_ cidrs: [IPv4Network], region: String, by operation: String, of address: ResourceAddress) {
        for cidr in cidrs { taken.append(Taken(region: region, cidr: cidr, operation: operation, address: address)) }
    }

    mutating func give(_ cidrs: [IPv4Network], region: String, by operation: String, of address: ResourceAddress, deleting: Bool) {
        for cidr in cidrs { given[Key(region: region, cidr: cidr)] = Given(operation: operation, address: address, deleting: deleting) }
    }

    mutating func absorb(_ other: TunnelCidrMoves) {
        taken += other.taken
        given.merge(other.given) { first, _ in first }
    }
}
