/// One OpenAPI call before signing: where it goes and the parameters it carries.
///
/// Parameters are already flattened (`Key.N.Sub`). `form` goes in an
/// `application/x-www-form-urlencoded` body; everything else travels in the URL query.
public struct UnsignedRequest: Sendable, Equatable {
    /// `POST` for every operation Tunnelform calls.
    public var method: String
    /// The endpoint host as sent in the `host` header, with `:port` when the port is not the scheme's default.
    public var host: String
    public var action: String
    public var version: String
    public var query: [String: String]
    public var form: [String: String]
    /// Extra headers to send; those named `x-acs-*`, `host` or `content-type` are signed under V3.
    public var headers: [(name: String, value: String)]

    public init(method: String = "POST", host: String, action: String, version: String, query: [String: String] = [:],
                form: [String: String] = [:], headers: [(name: String, value: String)] = []) {
        self.method = method
        self.host = host
        self.action = action
        self.version = version
        self.query = query
        self.form = form
        self.headers = headers
    }

    public static func == (lhs: UnsignedRequest, rhs: UnsignedRequest) -> Bool {
        lhs.method == rhs.method && lhs.host == rhs.host && lhs.action == rhs.action && lhs.version == rhs.version
            && lhs.query == rhs.query && lhs.form == rhs.form
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}

/// A signed call, ready for the transport: the encoded query string, the headers and the body bytes.
public struct SignedRequest: Sendable, Equatable {
    public var method: String
    /// `k=v&…` with `pe`-encoded names and values, sorted by name; empty when there is no query.
    public var queryString: String
    /// Lowercase header names.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: String, queryString: String, headers: [String: String], body: [UInt8]) {
        self.method = method
        self.queryString = queryString
        self.headers = headers
        self.body = body
    }
}
