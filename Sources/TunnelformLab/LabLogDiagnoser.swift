import Foundation

/// Reads the two daemons' logs of one tunnel and says, in the user's terms, why it failed.
///
/// Either side may have been the responder (the customer side initiates, or the cloud side does
/// when the connection is effective immediately): a rejection is read from the responder's log,
/// whose `received proposals` are the other side's and `configured proposals` its own, and turned
/// into "on-premises" and "cloud" values. Rules are tried from the most specific to the most
/// general (see strongswan-lab.md for the texts). `customer` adds what the on-premises
/// configuration says, where the logs alone mislead (IKEv1 Main Mode picks the key by identities).
struct LabLogDiagnoser {
    var cloudLog: [Substring]
    var customerLog: [Substring]
    /// The identities the cloud side presents and expects.
    var cloudIdentity: String
    var customerIdentity: String
    var customer: CustomerConnectionFacts?
    /// The connection routes by destination (the cloud's selectors are 0.0.0.0/0).
    var destinationRouting = false

    init(cloudLog: String, customerLog: String, cloudIdentity: String, customerIdentity: String,
         customer: CustomerConnectionFacts? = nil, destinationRouting: Bool = false) {
        self.cloudLog = cloudLog.split(separator: "\n").map(Self.message)
        self.customerLog = customerLog.split(separator: "\n").map(Self.message)
        self.cloudIdentity = cloudIdentity
        self.customerIdentity = customerIdentity
        self.customer = customer
        self.destinationRouting = destinationRouting
    }

    /// Why the first negotiation (IKE_SA and first CHILD_SA) failed.
    func diagnose() -> LabDiagnosis {
        if let version = versionMismatch() { return version }
        if let mode = modeMismatch() { return mode }
        if let proposal = proposalMismatch(atRekey: false) { return proposal }
        if let selectors = selectorMismatch() { return selectors }
        if let missing = noSharedKey() { return missing }
        if wrongKey() {
            return mainModeIdentityChoseKey() ?? .wrongPreSharedKey
        }
        if let identity = identityMismatch() { return identity }
        if (customerLog + cloudLog).contains(where: { $0.contains("peer not responding") || $0.contains("giving up after") }) {
            return .peerNotResponding
        }
        return .unexplained(lastError() ?? "no CHILD_SA was established and the logs do not say why")
    }

    /// Why a forced rekey of an established CHILD_SA failed; the logs should start at the rekey.
    func diagnoseRekey() -> LabDiagnosis {
        proposalMismatch(atRekey: true) ?? .rekeyFailed(lastError() ?? "no new CHILD_SA within the time allowed")
    }

    private func versionMismatch() -> LabDiagnosis? {
        for (log, cloudResponds) in [(cloudLog, true), (customerLog, false)] {
            for (index, line) in log.enumerated() where line.contains("no IKE config found for") {
                let asked = log[..<index].last { $0.contains("looking for an IKEv") }
                let received = asked?.contains("IKEv1") == true ? "IKEv1" : "IKEv2"
                let other = received == "IKEv1" ? "IKEv2" : "IKEv1"
                return cloudResponds ? .ikeVersionMismatch(onPremises: received, cloud: other)
                    : .ikeVersionMismatch(onPremises: other, cloud: received)
            }
        }
        return nil
    }

    private func modeMismatch() -> LabDiagnosis? {
        let all = cloudLog + customerLog
        if all.contains(where: { $0.contains("Aggressive Mode PSK disabled for security reasons")
            || $0.contains("none allows pre-shared key authentication using Aggressive Mode") }) {
            return .aggressiveModeRefused
        }
        if all.contains(where: { $0.contains("none allows pre-shared key authentication using Main Mode") }) {
            return .ikeModeMismatch(onPremises: "main", cloud: "aggressive")
        }
        return nil
    }

    /// One side's rejection of the other's proposals: what it received, what it has, and the
    /// transform types strongSwan found missing.
    private struct Rejection {
        var received: ProposalText
        var configured: ProposalText
        var missing: Set<String>
    }

    /// A `selecting proposal:` block whose proposals all missed something: strongSwan logs the
    /// missing transform types, then what it received and what it has.
    private func rejection(in log: [Substring]) -> Rejection? {
        var received: Substring?
        var missing: Set<String> = []
        var matched = false
        for line in log {
            if line.contains("selecting proposal:") {
                missing = []
                matched = false
                received = nil
            }
            if line.contains("proposal matches") { matched = true }
            if let value = Self.value(line, after: "no acceptable "), let name = value.split(separator: " ").first,
               name.uppercased() == name {
                missing.insert(String(name))
            }
            if let value = Self.value(line, after: "received proposals: ") { received = value }
            if let configured = Self.value(line, after: "configured proposals: "), let offer = received, !matched, !missing.isEmpty {
                return Rejection(received: ProposalText(offer), configured: ProposalText(configured), missing: missing)
            }
        }
        return nil
    }

    /// The first proposal rejected, with the offer as the customer configured it (an IKEv2
    /// initiator drops the DH group from the first CHILD_SA's offer).
    private func proposalMismatch(atRekey: Bool) -> LabDiagnosis? {
        let found: (onPremises: ProposalText, cloud: ProposalText, missing: Set<String>)
        if let cloudSide = rejection(in: cloudLog) {
            found = (cloudSide.received, cloudSide.configured, cloudSide.missing)
        } else if let customerSide = rejection(in: customerLog) {
            found = (customerSide.configured, customerSide.received, customerSide.missing)
        } else {
            return nil
        }
        let (offer, responderView, missing) = found
        // Each side's own configured proposals, where it logged them (an IKEv2 initiator offers
        // its first CHILD_SA without the DH group, so the other side never sees the group).
        func configured(_ log: [Substring], esp: Bool) -> ProposalText? {
            log.compactMap { Self.value($0, after: "configured proposals: ") }
                .last { $0.hasPrefix(esp ? "ESP:" : "IKE:") }.map { ProposalText($0) }
        }
        let expected = configured(cloudLog, esp: offer.isESP) ?? responderView
        if missing.contains("PSEUDO_RANDOM_FUNCTION"), let mine = offer.proposals.first(where: { $0.prf != nil }) {
            let integrity = mine.transforms.count > 1 ? mine.transforms[1] : "?"
            let cloudPRF = expected.proposals.first?.prf ?? "?"
            if mine.prf != integrity || mine.prf != cloudPRF {
                return .prfMismatch(onPremisesPRF: mine.prf ?? "?", onPremisesIntegrity: integrity, cloud: cloudPRF)
            }
        }
        if !offer.isESP {
            return .ikeProposalMismatch(onPremises: offer.text, cloud: expected.text)
        }
        let customerESP = configured(customerLog, esp: true) ?? offer
        if missing.contains("EXTENDED_SEQUENCE_NUMBERS"), let withESN = customerESP.proposals.first(where: \.esn) {
            return .esnOffered(onPremises: (withESN.transforms + ["esn"]).joined(separator: "/"))
        }
        let groupOnly = !missing.isEmpty && missing.isSubset(of: ["KEY_EXCHANGE_METHOD", "DIFFIE_HELLMAN_GROUP"])
        if groupOnly || offer.differsOnlyInGroup(from: expected) {
            return .pfsGroupMismatch(onPremises: customerESP.groupText, cloud: expected.groupText, atRekey: atRekey)
        }
        return .espProposalMismatch(onPremises: customerESP.text, cloud: expected.text)
    }

    /// TS_UNACCEPTABLE (IKEv2) or no matching CHILD_SA config (IKEv1), read from the responder's
    /// log: `looking for a child config for LOCAL === REMOTE` (as the initiator proposed them,
    /// seen from the responder) and the responder's own `proposing traffic selectors` lists.
    private func selectorMismatch() -> LabDiagnosis? {
        for (log, cloudResponds) in [(cloudLog, true), (customerLog, false)] {
            guard let failed = log.firstIndex(where: { ($0.contains("traffic selectors") && $0.contains("unacceptable"))
                || $0.contains("no matching CHILD_SA config found") }) else { continue }
            guard let lookup = log[..<failed].lastIndex(where: { $0.contains("looking for a child config for ") }) else { continue }
            let asked = Self.value(log[lookup], after: "looking for a child config for ") ?? ""
            let halves = asked.components(separatedBy: " === ")
            guard halves.count == 2 else { continue }
            // What the initiator proposed, as the responder's local and remote networks.
            let proposedResponderSide = Self.networks(halves[0])
            let proposedInitiatorSide = Self.networks(halves[1])
            var ours: [String] = []
            var theirs: [String] = []
            var target: Int?
            for line in log[lookup..<failed] {
                if line.contains("proposing traffic selectors for us:") { target = 0; continue }
                if line.contains("proposing traffic selectors for other:") { target = 1; continue }
                let trimmed = line.dropFirst(line.hasPrefix("[CFG]") ? 5 : 0)
                guard let target, trimmed.hasPrefix("  "), !trimmed.hasPrefix("   ") else { target = nil; continue }
                let network = trimmed.trimmingWhitespace()
                guard network.first?.isNumber == true else { continue }
                if target == 0 { ours.append(network) } else { theirs.append(network) }
            }
            if cloudResponds {
                return .trafficSelectorMismatch(onPremisesLocal: proposedInitiatorSide, onPremisesRemote: proposedResponderSide,
                                                cloudLocal: ours, cloudRemote: theirs, destinationRouting: destinationRouting)
            }
            // strongSwan stops at the first side that does not match: the other list may be missing.
            if theirs.isEmpty { theirs = customer?.remoteTs ?? [] }
            return .trafficSelectorMismatch(onPremisesLocal: ours, onPremisesRemote: theirs,
                                            cloudLocal: proposedInitiatorSide, cloudRemote: proposedResponderSide,
                                            destinationRouting: destinationRouting)
        }
        return nil
    }

    /// `no shared key found for 'A'[…] - 'B'[…]` on the customer side: its secrets do not name its ids.
    private func noSharedKey() -> LabDiagnosis? {
        guard let line = customerLog.first(where: { $0.contains("no shared key found for ") }) else { return nil }
        let quoted = line.split(separator: "'", omittingEmptySubsequences: false)
        if quoted.count >= 4 { return .noSharedKey(onPremisesId: String(quoted[1]), cloudId: String(quoted[3])) }
        return .noSharedKey(onPremisesId: customerIdentity, cloudId: cloudIdentity)
    }

    private func wrongKey() -> Bool {
        cloudLog.contains { $0.contains("MAC mismatched") }
            || customerLog.contains { $0.contains("MAC mismatched") }
            || (cloudLog + customerLog).contains { $0.contains("calculated HASH does not match HASH payload") }
            || (cloudLog + customerLog).contains { $0.contains("decryption failed?") }
    }

    /// IKEv1 Main Mode encrypts the identities with keys derived from the pre-shared key, so the
    /// initiator chooses its key by the identities it expects: with a wrong remote id and several
    /// keys loaded it takes another peer's key, and the logs only show a decryption failure.
    private func mainModeIdentityChoseKey() -> LabDiagnosis? {
        guard let customer, customer.version == 1, !customer.aggressive else { return nil }
        if let remote = customer.remoteId, remote != "%any", remote != cloudIdentity {
            return .identityMismatch("the on-premises side expects the cloud side to be '\(remote)' but it is "
                + "'\(cloudIdentity)'; IKEv1 main mode chooses the pre-shared key by these identities, so the on-premises "
                + "side used a key meant for another peer")
        }
        if let local = customer.localId, local != customerIdentity, customer.keyCount > 1 {
            return .identityMismatch("the on-premises side presents '\(local)' but the cloud side expects "
                + "'\(customerIdentity)'; IKEv1 main mode chooses the pre-shared key by these identities")
        }
        return nil
    }

    private func identityMismatch() -> LabDiagnosis? {
        for line in customerLog where line.contains("IDir '") && line.contains("does not match to") {
            let quoted = line.split(separator: "'", omittingEmptySubsequences: false)
            if quoted.count >= 4 {
                return .identityMismatch("the cloud side presents '\(quoted[1])' but the on-premises side expects '\(quoted[3])'")
            }
        }
        guard let index = cloudLog.firstIndex(where: { $0.contains("no matching peer config found") || $0.contains("no peer config found") })
        else { return nil }
        let lookup = cloudLog[..<index].last { $0.contains("peer configs matching") }
        let ids = lookup.map(Self.bracketed) ?? []
        var parts: [String] = []
        if let presented = ids.last, presented != customerIdentity {
            parts.append("the on-premises side presents '\(presented)' but the cloud side expects '\(customerIdentity)'")
        }
        if ids.count == 2, let expected = ids.first, expected != "%any", expected != cloudIdentity {
            parts.append("the on-premises side expects the cloud side to be '\(expected)' but it is '\(cloudIdentity)'")
        }
        if parts.isEmpty { parts.append("the cloud side found no configuration for the on-premises side's identity") }
        return .identityMismatch(parts.joined(separator: "; "))
    }

    private func lastError() -> String? {
        let markers = ["failed", "error", "unacceptable", "not ", "mismatch"]
        return customerLog.last { line in line.contains("[IKE]") && markers.contains { line.contains($0) } }
            .map { String($0.split(separator: "] ", maxSplits: 1).last ?? $0) }
    }

    /// `10.10.0.0/16 10.20.0.0/16` (strongSwan lists several selectors with spaces) → networks.
    static func networks(_ text: String) -> [String] {
        text.split(separator: " ").map { String($0).trimmingWhitespace() }.filter { $0.first?.isNumber == true }
    }

    /// `… 14[CFG] message` → `[CFG] message`: drops the timestamp and thread number.
    static func message(_ line: Substring) -> Substring {
        guard let open = line.firstIndex(of: "[") else { return line }
        return line[open...]
    }

    static func value(_ line: Substring, after marker: String) -> Substring? {
        guard let range = line.range(of: marker) else { return nil }
        return line[range.upperBound...]
    }

    /// The texts inside `[…]` in a line, e.g. the identities in `a[id-a]...b[id-b]`, skipping the log tag.
    static func bracketed(_ line: Substring) -> [String] {
        var result: [String] = []
        var rest = line.dropFirst(line.hasPrefix("[") ? (line.firstIndex(of: "]").map { line.distance(from: line.startIndex, to: $0) + 1 } ?? 0) : 0)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            result.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return result
    }
}

/// What the on-premises configuration of one tunnel says, read from its swanctl.conf: the facts
/// the logs do not show.
struct CustomerConnectionFacts: Equatable, Sendable {
    var version: Int
    var aggressive: Bool
    var localId: String?
    var remoteId: String?
    /// IKE pre-shared keys in the file the daemon loads.
    var keyCount: Int
    /// `encap = yes`: UDP encapsulation forced even without a NAT.
    var forcesEncapsulation: Bool
    var startAction: String?
    var localTs: [String]
    var remoteTs: [String]
    /// `local_addrs`, as written (`%any`, addresses).
    var localAddrs: [String] = []
}
