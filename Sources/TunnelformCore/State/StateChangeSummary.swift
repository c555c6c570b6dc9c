/// One line saying what a state write changed, for `state history`: the records added, changed
/// and removed (the first few by address) and the operations left in flight.
public enum StateChangeSummary {
    /// How many addresses each part names before it only counts.
    static let namedAddresses = 3

    public static func describe(from old: State?, to new: State) -> String {
        let before = old?.resources ?? [:]
        let after = new.resources
        var added: [String] = []
        var changed: [String] = []
        for (address, record) in after {
            if let previous = before[address] {
                if previous != record { changed.append(address) }
            } else {
                added.append(address)
            }
        }
        let removed = before.keys.filter { after[$0] == nil }
        var parts = [("added", added), ("changed", changed), ("removed", removed)].compactMap { verb, addresses in
            addresses.isEmpty ? nil : "\(verb) \(list(addresses))"
        }
        if old != nil, old?.lineage != new.lineage, !(old?.lineage.isEmpty ?? true) { parts.insert("new lineage \(new.lineage)", at: 0) }
        let pending = new.pendingOperations.count
        if pending > 0 { parts.append("\(pending) operation\(pending == 1 ? "" : "s") in flight") }
        if parts.isEmpty {
            parts.append(old?.pendingOperations.isEmpty == false ? "operations completed" : "no record changed")
        }
        return parts.joined(separator: "; ")
    }

    private static func list(_ addresses: [String]) -> String {
        let sorted = addresses.sorted()
        let named = sorted.prefix(namedAddresses).joined(separator: ", ")
        return sorted.count > namedAddresses ? "\(sorted.count) (\(named), …)" : named
    }
}
