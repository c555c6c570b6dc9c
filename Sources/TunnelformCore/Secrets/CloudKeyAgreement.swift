/// The keys the cloud reported that are exactly the manifests' values for the same slots.
///
/// Such a key needs no slow digest check on either side: the cloud holds what the manifests ask
/// for, so there is neither drift to report nor a change to plan, whatever the state's digest was
/// made from. This is what makes a plan on a fresh clone (no verification cache) cost about what a
/// warm one does when the cloud returns keys, without weakening the digests a leaked state holds.
/// A key the cloud masks or that differs is left to the digests and the cache.
public struct CloudKeyAgreement: Sendable {
    private struct Pair: Hashable {
        var digest: SecretDigest
        var key: String
    }

    private var pairs: Set<Pair> = []

    /// No agreement: every key is checked against its digest.
    public init() {}

    /// The slots of `secrets` whose recorded digest in `state` a refresh checks (`keyChecks`, from
    /// `Refresher.keyChecks`) against a cloud key equal to the slot's value.
    public init(secrets: ResolvedSecrets, state: State, keyChecks: [(digest: SecretDigest, secret: String)]) {
        let reported = Set(keyChecks.map { Pair(digest: $0.digest, key: $0.secret) })
        guard !reported.isEmpty else { return }
        for slot in secrets.unorderedSlots {
            guard let value = secrets[slot], let digest = SecretVerdicts.recordedDigest(of: slot, in: state) else { continue }
            let pair = Pair(digest: digest, key: value)
            if reported.contains(pair) { pairs.insert(pair) }
        }
    }

    /// Whether `key`, checked against `digest`, is a value the cloud and the manifests agree on.
    public func covers(_ digest: SecretDigest, _ key: String) -> Bool {
        pairs.contains(Pair(digest: digest, key: key))
    }

    public var count: Int { pairs.count }
}
