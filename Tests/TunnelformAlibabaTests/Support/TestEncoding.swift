import Foundation
import TunnelformAlibaba

/// Decoding helpers for checking what went on the wire.
enum TestEncoding {
    /// `k=v&…` with percent-escapes decoded.
    static func decodePairs(_ text: String) -> [String: String] {
        var pairs: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = PercentEncoding.decode(String(parts[0])) ?? String(parts[0])
            let value = parts.count > 1 ? PercentEncoding.decode(String(parts[1])) ?? String(parts[1]) : ""
            pairs[key] = value
        }
        return pairs
    }

    /// A UTC date from `yyyy-MM-ddTHH:mm:ssZ`.
    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text) ?? Date(timeIntervalSince1970: 0)
    }
}
