/// How the cloud's algorithm names are written in strongSwan proposals.
///
/// IKE uses the integrity algorithm as PRF too, written out explicitly (`prfsha256`) so that
/// both ends agree whatever a daemon's default PRF choice is. An IPsec DH group of `disabled`
/// means no PFS: the ESP proposal then has no key exchange method at all.
public enum StrongSwanAlgorithms {
    public static func encryption(_ algorithm: EncryptionAlgorithm) -> String {
        switch algorithm {
        case .aes: "aes128"
        case .aes192: "aes192"
        case .aes256: "aes256"
        case .des: "des"
        case .tripleDES: "3des"
        }
    }

    public static func integrity(_ algorithm: AuthenticationAlgorithm) -> String { algorithm.rawValue }

    public static func prf(_ algorithm: AuthenticationAlgorithm) -> String { "prf" + algorithm.rawValue }

    public static func dhGroup(_ group: DHGroup) -> String {
        switch group {
        case .group1: "modp768"
        case .group2: "modp1024"
        case .group5: "modp1536"
        case .group14: "modp2048"
        }
    }

    /// Nil when PFS is disabled.
    public static func pfsGroup(_ group: PFSGroup) -> String? {
        switch group {
        case .disabled: nil
        case .group1: dhGroup(.group1)
        case .group2: dhGroup(.group2)
        case .group5: dhGroup(.group5)
        case .group14: dhGroup(.group14)
        }
    }

    /// `aes128-sha1-prfsha1-modp1024` for the defaults.
    public static func ikeProposal(_ ike: IKEConfig) -> String {
        [encryption(ike.encryption), integrity(ike.authentication), prf(ike.authentication), dhGroup(ike.dhGroup)]
            .joined(separator: "-")
    }

    /// `aes128-sha1-modp1024` for the defaults, `aes128-sha1` without PFS.
    public static func espProposal(_ ipsec: IPsecConfig) -> String {
        ([encryption(ipsec.encryption), integrity(ipsec.authentication)] + [pfsGroup(ipsec.dhGroup)].compactMap { $0 })
            .joined(separator: "-")
    }
}
