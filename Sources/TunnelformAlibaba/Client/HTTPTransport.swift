/// Sends one HTTP request; the seam that lets tests and the emulator replace the network.
public protocol HTTPTransport: Sendable {
    /// Throws `HTTPTransportError` (or any error, treated as a connection failure) when no response arrives.
    func send(method: String, url: String, headers: [String: String], body: [UInt8], timeout: Double) async throws -> HTTPResponse
}

/// What came back: status, headers (names lowercased) and the body bytes.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }

    public init(status: Int, headers: [String: String] = [:], json: String) {
        self.init(status: status, headers: headers, body: Array(json.utf8))
    }
}

/// A request that got no response.
public enum HTTPTransportError: Error, Sendable, Equatable {
    case timeout(String)
    case connectionFailed(String)
    /// A failure no retry can mend: the host name does not resolve, or TLS failed (a bad certificate,
    /// an endpoint that does not speak TLS).
    case unreachable(String)
}
