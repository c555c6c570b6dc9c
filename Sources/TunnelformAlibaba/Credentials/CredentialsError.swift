/// Why no usable credentials were found. Messages name files and variables, never secret values.
public enum CredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing anywhere; `searched` lists every place looked at, in order.
    case notFound(searched: [String])
    /// A named profile exists in none of the files.
    case profileNotFound(name: String, searched: [String])
    /// An AccessKey id without a secret, or the other way round.
    case incomplete(source: String, missing: String)
    /// A profile whose kind Tunnelform cannot use (RAM role, ECS role, SSO, …).
    case unsupportedProfile(name: String, kind: String, file: String)
    /// A file that exists but cannot be read or parsed.
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let searched):
            "no Alibaba Cloud credentials found; looked in:\n" + searched.map { "  - \($0)" }.joined(separator: "\n")
        case .profileNotFound(let name, let searched):
            "Alibaba Cloud profile \"\(name)\" not found; looked in:\n" + searched.map { "  - \($0)" }.joined(separator: "\n")
        case .incomplete(let source, let missing):
            "incomplete Alibaba Cloud credentials in \(source): \(missing) is missing"
        case .unsupportedProfile(let name, let kind, let file):
            "profile \"\(name)\" in \(file) is of kind \(kind); Tunnelform supports AccessKey (AK, access_key) and StsToken profiles"
        case .unreadable(let file, let reason):
            "cannot read \(file): \(reason)"
        }
    }
}
