import Crypto
import Foundation

/// Signs OpenAPI calls with V3 (`ACS3-HMAC-SHA256`, the default) or the RPC HMAC-SHA1 scheme.
///
/// A pure function of the request, the credentials, the time and the nonce: no clock, randomness
/// or I/O inside, so every documented test vector can be reproduced byte for byte.
public struct RequestSigner: Sendable, Equatable {
    /// The two signature schemes of `alibaba-api.md` §1.
    public enum Scheme: String, Sendable, Equatable, CaseIterable {
        /// `ACS3-HMAC-SHA256`: signed headers, body covered by its SHA-256.
        case v3
        /// `SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0` (Alibaba calls it the "V2" RPC signature).
        case rpcHMACSHA1 = "rpc"
    }

    public var scheme: Scheme

    public init(scheme: Scheme = .v3) {
        self.scheme = scheme
    }

    /// Signs one attempt. A retry must be signed again with a fresh nonce and the current time.
    public func sign(_ request: UnsignedRequest, credentials: AlibabaCredentials, date: Date, nonce: String) -> SignedRequest {
        switch scheme {
        case .v3: signV3(request, credentials: credentials, date: date, nonce: nonce)
        case .rpcHMACSHA1: signRPC(request, credentials: credentials, date: date, nonce: nonce)
        }
    }

    /// `pe(k)=pe(v)` pairs sorted by name (byte order) and joined with `&`: the canonical query,
    /// and also the form body encoding.
    public static func canonicalQuery(_ parameters: [String: String]) -> String {
        sortedByName(parameters).map { PercentEncoding.encode($0.key) + "=" + PercentEncoding.encode($0.value) }
            .joined(separator: "&")
    }

    static func sortedByName(_ parameters: [String: String]) -> [(key: String, value: String)] {
        parameters.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
