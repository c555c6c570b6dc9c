/// Endpoint overrides from tunnelform.yaml; each is `host`, `host:port` or `scheme://host[:port]`.
public struct EndpointOverrides: Sendable, Hashable {
    public var vpc: String?
    public var cbn: String?

    public init(vpc: String? = nil, cbn: String? = nil) {
        self.vpc = vpc
        self.cbn = cbn
    }

    public subscript(product: AlibabaProduct) -> String? {
        switch product {
        case .vpc: vpc
        case .cbn: cbn
        }
    }
}

/// An endpoint override that cannot be used.
public enum EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String, source: String)
    /// Plain `http` to a host that is not loopback: credentials and keys would cross the network in clear.
    case insecureScheme(String, source: String)

    public var description: String {
        switch self {
        case .malformed(let value, let source):
            "endpoint \"\(value)\" from \(source) is not host, host:port or http(s)://host[:port]"
        case .insecureScheme(let value, let source):
            "endpoint \"\(value)\" from \(source) uses plain http; only https is allowed, except for loopback hosts (127.0.0.0/8, localhost, [::1])"
        }
    }
}
