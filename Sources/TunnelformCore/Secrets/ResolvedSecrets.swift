/// Secret values read from their references. Held in memory only: never encoded, printed or logged.
public struct ResolvedSecrets: Sendable {
    private var values: [SecretSlot: String]

    public init(_ values: [SecretSlot: String] = [:]) { self.values = values }

    public subscript(slot: SecretSlot) -> String? {
        get { values[slot] }
        set { values[slot] = newValue }
    }

    public var slots: [SecretSlot] { values.keys.sorted() }
    /// The slots in no particular order, for work that needs none: sorting compares slots by their
    /// descriptions, which are spelled out for every comparison.
    public var unorderedSlots: [SecretSlot] { Array(values.keys) }
    public var count: Int { values.count }
}

extension ResolvedSecrets: CustomStringConvertible, CustomDebugStringConvertible {
    /// Never the values: printing the container by accident must not leak them.
    public var description: String { "ResolvedSecrets(\(values.count) values, hidden)" }
    public var debugDescription: String { description }
}
