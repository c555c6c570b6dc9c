/// How a connection uses TLS, spelled and meant as libpq's `sslmode`.
///
/// `require` encrypts without checking the certificate, as libpq does (unless `sslrootcert` names
/// authorities: then it checks them, as `verify-ca`); `verify-ca` checks it was signed by a trusted
/// authority; `verify-full` also checks it names the host.
public enum PostgresSSLMode: String, Sendable, Equatable, CaseIterable {
    case disable
    case allow
    case prefer
    case require
    case verifyCA = "verify-ca"
    case verifyFull = "verify-full"

    /// libpq's default when the URL names none.
    public static let `default` = PostgresSSLMode.prefer

    /// Whether the connection fails when the server does not offer TLS.
    public var requiresTLS: Bool {
        switch self {
        case .disable, .allow, .prefer: false
        case .require, .verifyCA, .verifyFull: true
        }
    }
}
