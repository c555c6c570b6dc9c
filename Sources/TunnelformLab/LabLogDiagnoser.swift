/// Reads the two daemons' logs of one tunnel and says, in the user's terms, why it failed.
///
/// The cloud side is the responder, so its log says which proposal it received and which it
/// expected; the customer side's log says what it offered and what it was told. Rules are tried
/// from the most specific to the most general (see strongswan-lab.md for the texts).
struct LabLogDiagnoser {
    var cloudLog: [Substring]
    var customerLog: [Substring]
    /// The identities the cloud side presents and expects.
    var cloudIdentity: String
    var customerIdentity: String

    init(cloudLog: String, customerLog: String, cloudIdentity: String, customerIdentity: String) {
        self.cloudLog = cloudLog.split(separator: "\n").map(Self.message)
        self.customerLog = customerLog.split(separator: "\n").map(Self.message)
        self.cloudIdentity = cloudIdentity
        self.customerIdentity = customerIdentity
    }

    /// Why the first negotiation (IKE_SA and first CHILD_SA) failed.
    func diagnose() -> LabDiagnosis {
        if let version = versionMismatch() { return version }
        if let mode = modeMismatch() { return mode }
        if let proposal = proposalMismatch(atRekey: false) { return proposal }
        if wrongKey() { return .wrongPreSharedKey }
        if let identity = identityMismatch() { return identity }
        if customerLog.contains(where: { $0.contains("peer not responding") || $0.contains("giving up after") }) {
            return .peerNotResponding
        }
        return .unexplained(lastError() ?? "no CHILD_SA was established and the logs do not say why")
    }

    /// Why a forced rekey of an established CHILD_SA failed; the logs should start at the rekey.
    func diagnoseRekey() -> LabDiagnosis {
        proposalMismatch(atRekey: true) ?? .rekeyFailed(lastError() ?? "no new CHILD_SA within the time allowed")
    }

    private func versionMismatch() -> LabDiagnosis? {
        for (index, line) in cloudLog.enumerated() where line.contains("no IKE config found for") {
            let asked = cloudLog[..<index].last { $0.contains("looking for an IKEv") }
            let onPremises = asked?.contains("IKEv1") == true ? "IKEv1" : "IKEv2"
            return .ikeVersionMismatch(onPremises: onPremises, cloud: onPremises == "IKEv1" ? "IKEv2" : "IKEv1")
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

    /// The first proposal the cloud side rejected, with the offer as the customer configured it
    /// (an IKEv2 initiator drops the DH group from the first CHILD_SA's offer).
    private func proposalMismatch(atRekey: Bool) -> LabDiagnosis? {
        var received: Substring?
        var configured: Substring?
        // What strongSwan found missing in the current selection ("no acceptable X found").
        var missing: Set<String> = []
        for line in cloudLog {
            if line.contains("selecting proposal:") { missing = [] }
            if let value = Self.value(line, after: "no acceptable "), let name = value.split(separator: " ").first {
                missing.insert(String(name))
            }
            if let value = Self.value(line, after: "received proposals: ") { received = value }
            if let value = Self.value(line, after: "configured proposals: ") { configured = value }
            let rejected = ["received proposals unacceptable", "no proposal found", "no acceptable proposal found",
                            "no matching proposal found"].contains { line.contains($0) }
            guard rejected, let received, let configured else { continue }
            let offer = ProposalText(received)
            let expected = ProposalText(configured)
            if !offer.isESP {
                return .ikeProposalMismatch(onPremises: offer.text, cloud: expected.text)
            }
            let customerESP = customerLog.compactMap { Self.value($0, after: "configured proposals: ") }
                .last { $0.hasPrefix("ESP:") }.map { ProposalText($0) } ?? offer
            let groupOnly = !missing.isEmpty && missing.isSubset(of: ["KEY_EXCHANGE_METHOD", "DIFFIE_HELLMAN_GROUP"])
            if groupOnly || offer.differsOnlyInGroup(from: expected) {
                return .pfsGroupMismatch(onPremises: customerESP.groupText, cloud: expected.groupText, atRekey: atRekey)
            }
            return .espProposalMismatch(onPremises: customerESP.text, cloud: expected.text)
        }
        return nil
    }

    private func wrongKey() -> Bool {
        cloudLog.contains { $0.contains("MAC mismatched") }
            || customerLog.contains { $0.contains("calculated HASH does not match HASH payload") }
            || (cloudLog + customerLog).contains { $0.contains("decryption failed?") }
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
