/// strongSwan's logged proposals (`IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048`)
/// in the cloud's words (`aes256/sha256/group14`); ESP without a DH group reads `…/no PFS`.
struct ProposalText {
    /// One proposal's transforms, DH group apart.
    struct Proposal: Hashable {
        var protocolName: String
        var transforms: [String]
        var group: String?
        /// The PRF in the cloud's words (`sha256`), for IKE proposals that name one.
        var prf: String?
        /// Extended sequence numbers required (`EXT_SEQ`, not `NO_EXT_SEQ`).
        var esn = false
    }

    var proposals: [Proposal]

    init(_ logged: some StringProtocol) {
        proposals = logged.split(separator: ",").map { item in
            let trimmed = item.trimmingWhitespace()
            let parts = trimmed.split(separator: ":", maxSplits: 1)
            let name = parts.count == 2 ? String(parts[0]) : ""
            let body = parts.count == 2 ? parts[1] : Substring(trimmed)
            var transforms: [String] = []
            var group: String?
            var prf: String?
            var esn = false
            for token in body.split(separator: "/") {
                if token == "EXT_SEQ" { esn = true }
                if token.hasPrefix("PRF_") { prf = Self.prfs[String(token)] ?? token.dropFirst(4).lowercased() }
                if token.hasPrefix("PRF_") || token.hasSuffix("EXT_SEQ") { continue }
                if let dh = Self.groups[String(token)] ?? (token.hasPrefix("MODP_") || token.hasPrefix("ECP_") || token.hasPrefix("CURVE_") ? token.lowercased() : nil) {
                    group = dh
                } else {
                    transforms.append(Self.names[String(token)] ?? token.lowercased())
                }
            }
            return Proposal(protocolName: name, transforms: transforms, group: group, prf: prf, esn: esn)
        }
    }

    var isESP: Bool { proposals.first?.protocolName == "ESP" }

    var text: String {
        proposals.map { proposal in
            (proposal.transforms + [proposal.group ?? (proposal.protocolName == "ESP" ? "no PFS" : "no DH group")])
                .joined(separator: "/")
        }.joined(separator: " or ")
    }

    /// The DH groups only, in the cloud's words (`group2`, `no PFS`).
    var groupText: String {
        proposals.map { $0.group ?? "no PFS" }.joined(separator: " or ")
    }

    /// True when some pair of proposals agrees on everything but the DH group.
    func differsOnlyInGroup(from other: ProposalText) -> Bool {
        proposals.contains { mine in
            other.proposals.contains { $0.transforms == mine.transforms && $0.group != mine.group }
        }
    }

    static let names = [
        "AES_CBC_128": "aes", "AES_CBC_192": "aes192", "AES_CBC_256": "aes256", "DES_CBC": "des", "3DES_CBC": "3des",
        "HMAC_MD5_96": "md5", "HMAC_SHA1_96": "sha1", "HMAC_SHA2_256_128": "sha256", "HMAC_SHA2_384_192": "sha384",
        "HMAC_SHA2_512_256": "sha512",
    ]
    static let prfs = [
        "PRF_HMAC_MD5": "md5", "PRF_HMAC_SHA1": "sha1", "PRF_HMAC_SHA2_256": "sha256", "PRF_HMAC_SHA2_384": "sha384",
        "PRF_HMAC_SHA2_512": "sha512",
    ]
    static let groups = ["MODP_768": "group1", "MODP_1024": "group2", "MODP_1536": "group5", "MODP_2048": "group14"]
}
