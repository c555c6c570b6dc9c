/// Changes to the state alone, for `tunnelform state rm|mv` and `kind: Moved` documents: records are
/// forgotten or re-addressed, the cloud is never touched.
///
/// Pure: each edit returns the new state or an error in the user's words; the caller locks, bumps the
/// serial and writes atomically.
public enum StateEditor {
    /// `state rm`: the records of `addresses` are forgotten; their cloud objects stay as they are.
    public static func remove(_ addresses: [ResourceAddress], from state: State) throws(StateEditError) -> State {
        var edited = state
        for address in addresses {
            try requireRecord(address, in: state)
            try requireNoPendingOperation(address, in: state)
            edited[address] = nil
        }
        return edited
    }

    /// `state mv` and `Moved`: the record of `from` is kept under `to`. A customer gateway's new name is
    /// also written into the connections that record it as a tunnel's gateway, so the next plan sees no
    /// change the cloud does not have.
    public static func move(_ from: ResourceAddress, to: ResourceAddress, in state: State) throws(StateEditError) -> State {
        guard from.kind == to.kind else { throw .kindMismatch(from: from, to: to) }
        try requireRecord(from, in: state)
        guard state[to] == nil else { throw .targetExists(to) }
        try requireNoPendingOperation(from, in: state)
        var edited = state
        edited[to] = state[from]
        edited[from] = nil
        guard from.kind == .customerGateway else { return edited }
        for address in edited.addresses where address.kind == .vpnConnection {
            guard var resource = edited[address], var record = resource.connection,
                  record.applied.tunnels.contains(where: { $0.customerGateway == from.name }) else { continue }
            for index in record.applied.tunnels.indices where record.applied.tunnels[index].customerGateway == from.name {
                record.applied.tunnels[index].customerGateway = to.name
            }
            resource.connection = record
            edited[address] = resource
        }
        return edited
    }

    /// The `Moved` documents of the manifests, applied in order. A move whose `from` is no longer in the
    /// state was applied before (or never had anything to move) and does nothing; one whose `from` and
    /// `to` are both in the state is an error.
    public static func apply(_ moves: [StateMove], to state: State) throws(StateEditError) -> (state: State, applied: [StateMove]) {
        var edited = state
        var applied: [StateMove] = []
        for move in moves where edited[move.from] != nil {
            edited = try self.move(move.from, to: move.to, in: edited)
            applied.append(move)
        }
        return (edited, applied)
    }

    private static func requireRecord(_ address: ResourceAddress, in state: State) throws(StateEditError) {
        guard state[address] == nil else { return }
        let known = state.addresses.map(\.description)
        throw .notInState(address, suggestion: Suggestion.nearest(to: address.description, in: known))
    }

    private static func requireNoPendingOperation(_ address: ResourceAddress, in state: State) throws(StateEditError) {
        if state.pendingOperations.contains(where: { $0.address == address }) { throw .pendingOperation(address) }
    }
}

/// Why a state edit was refused.
public enum StateEditError: Error, Equatable, Sendable, CustomStringConvertible {
    case notInState(ResourceAddress, suggestion: String?)
    case kindMismatch(from: ResourceAddress, to: ResourceAddress)
    case targetExists(ResourceAddress)
    /// An interrupted apply left a journal entry for the address; moving or forgetting it would lose it.
    case pendingOperation(ResourceAddress)

    public var description: String {
        switch self {
        case .notInState(let address, let suggestion):
            "\(address) is not in the state" + (suggestion.map { " (did you mean '\($0)'?)" } ?? " (tunnelform state list shows what is)")
        case .kindMismatch(let from, let to):
            "cannot move \(from) to \(to): a \(from.kind.rawValue) can only move to another \(from.kind.rawValue) address"
        case .targetExists(let address):
            "\(address) is already in the state (tunnelform state rm \(address) forgets it first, leaving its cloud objects alone)"
        case .pendingOperation(let address):
            "an interrupted apply of \(address) has not finished (run tunnelform apply to finish it first)"
        }
    }
}
