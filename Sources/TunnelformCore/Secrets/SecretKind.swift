/// The two kinds of secret a manifest refers to, with the cloud's format rules for each.
public enum SecretKind: String, Sendable, Codable {
    case preSharedKey
    case bgpAuthKey

    /// The words used in messages.
    public var displayName: String {
        switch self {
        case .preSharedKey: "pre-shared key"
        case .bgpAuthKey: "BGP auth key"
        }
    }

    static let preSharedKeySymbols = Set("~`!@#$%^&*()_-+={}[]\\|;:',.<>/?".utf8)

    /// What is wrong with `value` for this kind of secret, worded without revealing the value;
    /// nil when it is acceptable.
    public func problem(with value: String) -> String? {
        let bytes = value.utf8
        switch self {
        case .preSharedKey:
            if bytes.isEmpty || value.count > 100 { return "must be 1–100 characters long, is \(value.count)" }
            if bytes.contains(UInt8(ascii: " ")) { return "must not contain spaces" }
            let allowed = bytes.allSatisfy { byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
                    || SecretKind.preSharedKeySymbols.contains(byte)
            }
            return allowed ? nil : "may contain only letters, digits and ~`!@#$%^&*()_-+={}[]\\|;:',.<>/?"
        case .bgpAuthKey:
            if bytes.isEmpty || bytes.count > 64 { return "must be 1–64 characters long, is \(value.count)" }
            if bytes.contains(UInt8(ascii: " ")) { return "must not contain spaces" }
            if bytes.contains(UInt8(ascii: "?")) { return "must not contain '?'" }
            return bytes.allSatisfy({ (33...126).contains($0) }) ? nil : "may contain only printable ASCII characters"
        }
    }
}
