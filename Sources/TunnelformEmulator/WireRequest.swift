import Foundation
import TunnelformAlibaba

/// One HTTP request as the emulator received it, before any interpretation.
///
/// `query` and `form` are decoded (`%XY` escapes and `+` as a space); `rawQuery` and `body` are kept as
/// received because signatures are checked against them.
public struct WireRequest: Sendable {
    public var method: String
    /// The `Host` header (HTTP/1.1) or `:authority`, with the port when one was sent.
    public var host: String
    public var path: String
    /// Lowercased names; a repeated header appears once per value.
    public var headers: [(name: String, value: String)]
    public var rawQuery: String
    public var body: [UInt8]
    public var query: [String: String]
    public var form: [String: String]

    /// Parses the query, and the body when it is `application/x-www-form-urlencoded`; nil when either is
    /// not valid percent-encoding.
    public init?(method: String, host: String, path: String, headers: [(name: String, value: String)], rawQuery: String,
                 body: [UInt8]) {
        self.method = method.uppercased()
        self.host = host
        self.path = path
        self.headers = headers.map { ($0.name.lowercased(), $0.value) }
        self.rawQuery = rawQuery
        self.body = body
        guard let query = Self.decodePairs(rawQuery) else { return nil }
        self.query = query
        let contentType = self.headers.first { $0.name == "content-type" }?.value.lowercased() ?? ""
        if !body.isEmpty, contentType.isEmpty || contentType.hasPrefix("application/x-www-form-urlencoded") {
            guard let form = Self.decodePairs(String(decoding: body, as: UTF8.self)) else { return nil }
            self.form = form
        } else {
            self.form = [:]
        }
    }

    /// The first value of a header.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    /// Query and form parameters merged; the query wins when a name is in both.
    public var parameters: [String: String] { query.merging(form) { queryValue, _ in queryValue } }

    /// `a=1&b=2` to a dictionary; `+` is a space, as in every form encoder. The last of repeated names wins.
    static func decodePairs(_ text: String) -> [String: String]? {
        var pairs: [String: String] = [:]
        for item in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentEncoding.decode(parts[0].replacingOccurrences(of: "+", with: " ")) else { return nil }
            let rawValue = parts.count > 1 ? String(parts[1]) : ""
            guard let value = PercentEncoding.decode(rawValue.replacingOccurrences(of: "+", with: " ")) else { return nil }
            pairs[name] = value
        }
        return pairs
    }
}
