extension Refresher.Result {
    /// The refresh with the manifests' `Moved` documents applied to both of its states (and its drift
    /// and deletions re-addressed), and the moves that had something to move. Moves whose record already
    /// went to its new address do nothing, so the documents are harmless once applied.
    public func moving(_ moves: [StateMove]) throws(StateEditError) -> (result: Refresher.Result, applied: [StateMove]) {
        guard !moves.isEmpty else { return (self, []) }
        let (state, applied) = try StateEditor.apply(moves, to: state)
        guard !applied.isEmpty else { return (self, []) }
        let filled = try StateEditor.apply(applied, to: filled).state
        let renamed = Dictionary(applied.map { ($0.from, $0.to) }, uniquingKeysWith: { first, _ in first })
        func readdressed(_ address: ResourceAddress) -> ResourceAddress { renamed[address] ?? address }
        var result = Refresher.Result(
            state: state, filled: filled,
            deletedOutside: Set(deletedOutside.map { Refresher.ObjectKey(address: readdressed($0.address), object: $0.object) }),
            drift: drift)
        for index in result.drift.indices { result.drift[index].address = readdressed(result.drift[index].address) }
        return (result, applied)
    }
}
