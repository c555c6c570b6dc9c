/// An AccessKey pair, optionally with an STS token, and where it was found.
///
/// `description`, `debugDescription` and the reflection mirror never show the secret or the token,
/// so printing, logging or dumping the value cannot leak them.
public struct AlibabaCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var accessKeyId: String
    public var accessKeySecret: String
    /// Present for STS credentials; signed into every request.
    public var securityToken: String?
    /// Where the credentials came from, e.g. `environment` or `profile "dev" in ~/.aliyun/config.json`.
    public var source: String

    public init(accessKeyId: String, accessKeySecret: String, securityToken: String? = nil, source: String = "explicit") {
        self.accessKeyId = accessKeyId
        self.accessKeySecret = accessKeySecret
        self.securityToken = securityToken
        self.source = source
    }

    /// The AccessKey id with all but its first and last four characters hidden.
    public var maskedAccessKeyId: String {
        guard accessKeyId.count > 8 else { return String(repeating: "*", count: accessKeyId.count) }
        return String(accessKeyId.prefix(4)) + String(repeating: "*", count: accessKeyId.count - 8) + String(accessKeyId.suffix(4))
    }

    public var description: String {
        var text = "AlibabaCredentials(accessKeyId: \(maskedAccessKeyId), accessKeySecret: (sensitive)"
        if securityToken != nil { text += ", securityToken: (sensitive)" }
        return text + ", source: \(source))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "accessKeyId": maskedAccessKeyId, "accessKeySecret": "(sensitive)",
            "securityToken": securityToken == nil ? "nil" : "(sensitive)", "source": source,
        ])
    }

    /// The secret values, so that messages echoing a request can be scrubbed of them.
    var sensitiveValues: [String] { [accessKeySecret] + (securityToken.map { [$0] } ?? []) }
}
