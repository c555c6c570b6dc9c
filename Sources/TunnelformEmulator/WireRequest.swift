import Foundation

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
    /// The query's pairs as sent, decoded, for the V3 canonical query.
    public var queryPairs: [(name: String, value: String)]
    /// The form body's pairs as sent, decoded, for the RPC string to sign.
    public var formPairs: [(name: String, value: String)]

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
        guard let queryPairs = PercentCodec.pairs(rawQuery) else { return nil }
        self.queryPairs = queryPairs
        self.query = Self.dictionary(queryPairs)
        let contentType = self.headers.first { $0.name == "content-type" }?.value.lowercased() ?? ""
        if !body.isEmpty, contentType.isEmpty || contentType.hasPrefix("application/x-www-form-urlencoded") {
            guard let formPairs = PercentCodec.pairs(String(decoding: body, as: UTF8.self)) else { return nil }
            self.formPairs = formPairs
        } else {
            self.formPairs = []
        }
        self.form = Self.dictionary(formPairs)
    }

    /// The first value of a header.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    /// Query and form parameters merged; the query wins when a name is in both.
    public var parameters: [String: String] { query.merging(form) { queryValue, _ in queryValue } }

    /// The last of repeated names wins.
    static func dictionary(_ pairs: [(name: String, value: String)]) -> [String: String] {
        var values: [String: String] = [:]
        for pair in pairs { values[pair.name] = pair.value }
        return values
    }
}
