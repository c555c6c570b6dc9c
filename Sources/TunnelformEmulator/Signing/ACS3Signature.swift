import Crypto
import Foundation

/// `ACS3-HMAC-SHA256` as the service computes it, from the published algorithm (`alibaba-api.md` §1.3):
///
/// ```
/// CanonicalRequest = METHOD \n URI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload
/// StringToSign     = "ACS3-HMAC-SHA256" \n hex(SHA256(CanonicalRequest))
/// Signature        = hex(HMAC-SHA256(secret, StringToSign))
/// ```
///
/// The canonical headers are exactly the headers the request names in `SignedHeaders` — whatever they
/// are (the official SDKs sign `accept` and `user-agent` too, Tunnelform's client only `host`,
/// `content-type` and `x-acs-*`) — each lowercased, its values trimmed, sorted and joined with `,`.
/// Pure: the verifier feeds it what arrived on the wire.
struct ACS3Signature: Sendable {
    static let algorithm = "ACS3-HMAC-SHA256"

    var method: String
    var path: String
    /// The URL query only, decoded; the body is covered by `payloadHash`.
    var query: [(name: String, value: String)]
    /// Lowercase names in `SignedHeaders` order, each with every value the request carried for it.
    var signedHeaders: [(name: String, values: [String])]
    var payloadHash: String

    var canonicalQuery: String {
        query.map { (PercentCodec.encode($0.name), PercentCodec.encode($0.value)) }
            .sorted { lhs, rhs in
                lhs.0 == rhs.0 ? Array(lhs.1.utf8).lexicographicallyPrecedes(Array(rhs.1.utf8))
                    : Array(lhs.0.utf8).lexicographicallyPrecedes(Array(rhs.0.utf8))
            }
            .map { $0.0 + "=" + $0.1 }.joined(separator: "&")
    }

    var canonicalHeaders: String {
        signedHeaders.map { header in
            header.name + ":" + header.values.map { $0.trimmingCharacters(in: .whitespaces) }.sorted().joined(separator: ",") + "\n"
        }.joined()
    }

    var signedHeaderList: String { signedHeaders.map(\.name).joined(separator: ";") }

    var canonicalRequest: String {
        [method.uppercased(), path.isEmpty ? "/" : path, canonicalQuery, canonicalHeaders, signedHeaderList, payloadHash]
            .joined(separator: "\n")
    }

    var stringToSign: String {
        Self.algorithm + "\n" + Self.hex(SHA256.hash(data: Data(canonicalRequest.utf8)))
    }

    func signature(secret: String) -> String {
        Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: SymmetricKey(data: Data(secret.utf8))))
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes { out += [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]] }
        return String(decoding: out, as: UTF8.self)
    }
}
