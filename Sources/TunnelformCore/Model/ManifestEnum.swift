/// A closed set of words a manifest field accepts. The decoder and the JSON Schema both read
/// `allCases`, so the two cannot disagree on the valid values.
public protocol ManifestEnum: RawRepresentable, CaseIterable, Hashable, Sendable, Codable
where RawValue == String {}

extension ManifestEnum {
    public static var allValues: [String] { allCases.map(\.rawValue) }
}

/// Over the Internet (`public`) or over a private network (`private`). Cannot change in place.
public enum GatewayType: String, ManifestEnum { case `public`, `private` }

/// How traffic is routed into the tunnels.
public enum RoutingMode: String, ManifestEnum { case destination, protectedDataFlows }

/// How a connection whose change cannot be made in place is replaced.
///
/// Create-before-destroy keeps the site connected (the old tunnels carry traffic until the new ones are
/// built) but cannot reuse a value the old connection holds that is unique in the region (a BGP tunnel
/// CIDR); destroy-before-create can, at the cost of an outage from the delete until the new tunnels
/// negotiate. A manifest that names neither gets create-before-destroy whenever it can be applied.
public enum ReplacementStrategy: String, ManifestEnum { case createBeforeDestroy, destroyBeforeCreate }

/// `standard` is 1 Gbit/s, `large` 3 Gbit/s. Cannot change in place.
public enum TunnelBandwidth: String, ManifestEnum { case standard, large }

public enum IKEVersion: String, ManifestEnum { case ikev1, ikev2 }

public enum IKEMode: String, ManifestEnum { case main, aggressive }

/// Encryption algorithms for IKE (phase 1) and IPsec (phase 2). `aes` is AES-128.
public enum EncryptionAlgorithm: String, ManifestEnum {
    case aes, aes192, aes256, des
    case tripleDES = "3des"

    /// DES and 3DES are accepted by the cloud but weak.
    public var isWeak: Bool { self == .des || self == .tripleDES }
}

/// Integrity algorithms; for IKE the PRF is the same algorithm.
public enum AuthenticationAlgorithm: String, ManifestEnum { case sha1, md5, sha256, sha384, sha512 }

/// Diffie-Hellman groups for IKE.
public enum DHGroup: String, ManifestEnum { case group1, group2, group5, group14 }

/// The IPsec DH group: `disabled` turns perfect forward secrecy off.
public enum PFSGroup: String, ManifestEnum { case disabled, group1, group2, group5, group14 }

/// Who pays for a cross-account attachment.
public enum Payer: String, ManifestEnum { case cenOwner, resourceOwner }
