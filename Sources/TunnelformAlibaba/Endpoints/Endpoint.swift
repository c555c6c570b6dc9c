import TunnelformCore

/// Where one product's calls go: scheme, host and optional port.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// `https`, or `http` for loopback hosts only.
    public var scheme: String
    /// A name, an IPv4 address, or a bracketed IPv6 address (`[::1]`).
    public var host: String
    public var port: Int?

    public init(scheme: String = "https", host: String, port: Int? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// The value of the `host` header: `host` or `host:port`.
    public var hostHeader: String { port.map { "\(host):\($0)" } ?? host }

    /// `scheme://host[:port]`, without a path.
    public var baseURL: String { "\(scheme)://\(hostHeader)" }

    public var description: String { baseURL }

    /// `localhost`, 127.0.0.0/8 or `[::1]`: the only hosts plain `http` may be used with.
    public var isLoopback: Bool { Self.isLoopback(host: host) }

    public static func isLoopback(host: String) -> Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower == "[::1]" || lower == "::1" { return true }
        if let address = IPv4Address(lower) { return address.value >> 24 == 127 }
        return false
    }
}
