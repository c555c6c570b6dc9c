/// A record re-addressed from one manifest address to another: a `kind: Moved` document, or
/// `tunnelform state mv`. The next plan then compares the record with the manifest under its new
/// address, so a rename is an in-place `~ name` instead of a delete and a create.
public struct StateMove: Codable, Equatable, Hashable, Sendable {
    public var from: ResourceAddress
    public var to: ResourceAddress

    public init(from: ResourceAddress, to: ResourceAddress) {
        self.from = from
        self.to = to
    }
}
