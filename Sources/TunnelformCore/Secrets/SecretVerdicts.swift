/// Whether each desired secret matches the digest the state recorded for its slot, decided
/// before planning so that the slow checks run in parallel and through the local cache.
///
/// The planner asks `matches`; a pair that was not decided here is checked the slow way, so an
/// empty value is always correct, only slower.
public struct SecretVerdicts: Sendable {
    private struct Key: Hashable {
        var slot: SecretSlot
        var digest: SecretDigest
    }

    private var verdicts: [Key: Bool] = [:]

    public init() {}

    /// Decides every slot that has both a desired value and a recorded digest in `state`: a value
    /// the cloud reported (`agreement`) matches without a check, the others go through the cache.
    public init(secrets: ResolvedSecrets, state: State, cache: SecretVerificationCache,
                agreement: CloudKeyAgreement = CloudKeyAgreement()) {
        var keys: [Key] = []
        var pairs: [(digest: SecretDigest, secret: String)] = []
        for slot in secrets.unorderedSlots {
            guard let value = secrets[slot], let digest = Self.recordedDigest(of: slot, in: state) else { continue }
            if agreement.covers(digest, value) {
                verdicts[Key(slot: slot, digest: digest)] = true
                continue
            }
            keys.append(Key(slot: slot, digest: digest))
            pairs.append((digest, value))
        }
        for (key, verdict) in zip(keys, cache.matches(pairs)) { verdicts[key] = verdict }
    }

    /// Whether `value`, desired for `slot`, is the secret `digest` was made from.
    public func matches(_ slot: SecretSlot, digest: SecretDigest, value: String) -> Bool {
        verdicts[Key(slot: slot, digest: digest)] ?? digest.matches(value)
    }

    static func recordedDigest(of slot: SecretSlot, in state: State) -> SecretDigest? {
        switch slot {
        case .bgpAuthKey:
            state[slot.address]?.customerGateway?.authKeyDigest
        case .preSharedKey(_, let tunnel):
            state[slot.address]?.connection?.tunnels.first { $0.index == tunnel + 1 }?.preSharedKeyDigest
        }
    }
}
