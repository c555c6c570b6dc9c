import Crypto
import Foundation

/// The RPC HMAC-SHA1 signature (`SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`) as the service
/// computes it, from the published algorithm (`alibaba-api.md` §1.2):
///
/// ```
/// Canonical    = join("&", pe(name) "=" pe(value))   every parameter, query and form body, but Signature; sorted by name
/// StringToSign = METHOD "&" pe("/") "&" pe(Canonical)
/// Signature    = base64(HMAC-SHA1(secret + "&", StringToSign))
/// ```
struct RPCSignature: Sendable {
    var method: String
    var parameters: [(name: String, value: String)]

    var canonicalQuery: String {
        parameters.filter { $0.name != "Signature" }
            .map { (PercentCodec.encode($0.name), PercentCodec.encode($0.value)) }
            .sorted { lhs, rhs in
                lhs.0 == rhs.0 ? Array(lhs.1.utf8).lexicographicallyPrecedes(Array(rhs.1.utf8))
                    : Array(lhs.0.utf8).lexicographicallyPrecedes(Array(rhs.0.utf8))
            }
            .map { $0.0 + "=" + $0.1 }.joined(separator: "&")
    }

    var stringToSign: String {
        method.uppercased() + "&" + PercentCodec.encode("/") + "&" + PercentCodec.encode(canonicalQuery)
    }

    func signature(secret: String) -> String {
        let code = HMAC<Insecure.SHA1>.authenticationCode(for: Data(stringToSign.utf8), using: SymmetricKey(data: Data((secret + "&").utf8)))
        return Data(code).base64EncodedString()
    }
}
