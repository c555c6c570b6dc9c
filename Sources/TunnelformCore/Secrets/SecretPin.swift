/// A key a saved plan will send, pinned by digest so that `apply PLANFILE` sends exactly what was
/// planned: the value behind the reference must still be the one the plan was made with.
///
/// The digest is the state's own kind (salted PBKDF2-HMAC-SHA256, `SecretDigest`): a saved plan
/// reveals no more than the state does once the plan is applied, and a key the state already
/// records reuses the state's digest instead of deriving a new one.
public struct SecretPin: Codable, Equatable, Sendable {
    public var slot: SecretSlot
    /// How the manifests named the value (`{env: SHANGHAI_PSK_2}`); never the value.
    public var reference: String
    public var digest: SecretDigest

    public init(slot: SecretSlot, reference: String, digest: SecretDigest) {
        self.slot = slot
        self.reference = reference
        self.digest = digest
    }

    /// The pins of every key `plan` sends: from the state's digest when the value still matches it,
    /// otherwise a new digest (made on every core, remembered by the cache for the apply's checks).
    public static func pins(for plan: Plan, secrets: ResolvedSecrets, state: State, cache: SecretVerificationCache) throws -> [SecretPin] {
        var wanted: [(slot: SecretSlot, reference: SecretReference, value: String, recorded: SecretDigest?)] = []
        var seen = Set<SecretSlot>()
        for operation in plan.operations where [.create, .replace, .modify].contains(operation.action) {
            for (slot, reference) in sentSecrets(of: operation) where !seen.contains(slot) {
                guard let value = secrets[slot] else { continue }
                seen.insert(slot)
                wanted.append((slot, reference, value, recordedDigest(of: slot, in: state)))
            }
        }
        let entries = wanted
        let digests = try Concurrently.map(entries.count) { index -> Result<SecretDigest, any Error> in
            let entry = entries[index]
            if let recorded = entry.recorded, cache.matches(recorded, entry.value) { return .success(recorded) }
            return Result { try cache.digest(of: entry.value) }
        }.map { try $0.get() }
        return wanted.indices.map { SecretPin(slot: wanted[$0].slot, reference: wanted[$0].reference.description, digest: digests[$0]) }
    }

    /// The pins whose reference now gives another value (or none), in plan order.
    public static func changed(_ pins: [SecretPin], secrets: ResolvedSecrets, cache: SecretVerificationCache) -> [SecretPin] {
        let present = pins.filter { secrets[$0.slot] != nil }
        let verdicts = cache.matches(present.map { (digest: $0.digest, secret: secrets[$0.slot] ?? "") })
        let matching = Set(present.indices.filter { verdicts[$0] }.map { present[$0].slot })
        return pins.filter { !matching.contains($0.slot) }
    }

    /// The secret references an operation's payload names for the calls it makes.
    private static func sentSecrets(of operation: PlanOperation) -> [(SecretSlot, SecretReference)] {
        switch (operation.object, operation.payload) {
        case (.customerGateway, .customerGateway(let gateway)?):
            return gateway.bgpAuthKey.map { [(SecretSlot.bgpAuthKey(gateway: gateway.name), $0)] } ?? []
        case (.connection, .connection(let connection)?):
            return connection.tunnels.indices.compactMap { index in
                connection.tunnels[index].preSharedKey.map { (SecretSlot.preSharedKey(connection: connection.name, tunnel: index), $0) }
            }
        default:
            return []
        }
    }

    private static func recordedDigest(of slot: SecretSlot, in state: State) -> SecretDigest? {
        switch slot {
        case .bgpAuthKey:
            return state[slot.address]?.customerGateway?.authKeyDigest
        case .preSharedKey(_, let tunnel):
            return state[slot.address]?.connection?.tunnels.first { $0.index == tunnel + 1 }?.preSharedKeyDigest
        }
    }
}
