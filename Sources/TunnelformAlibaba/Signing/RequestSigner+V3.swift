import Crypto
import Foundation

extension RequestSigner {
    /// The `ACS3-HMAC-SHA256` algorithm name, also the first word of `Authorization`.
    public static let v3Algorithm = "ACS3-HMAC-SHA256"

    /// SHA-256 of an empty body, sent as `x-acs-content-sha256` when there is no body.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The V3 canonical request and its `SignedHeaders` list (`alibaba-api.md` §1.3).
    ///
    /// Only headers named `x-acs-*`, `host` and `content-type` are signed. Names are lowercased,
    /// values trimmed; a repeated name has its values sorted and joined with `,`.
    public static func v3CanonicalRequest(method: String, path: String, query: [String: String],
                                          headers: [(name: String, value: String)], payloadHash: String)
        -> (canonicalRequest: String, signedHeaders: String) {
        var grouped: [String: [String]] = [:]
        for (name, value) in headers {
            let lower = name.lowercased()
            guard lower.hasPrefix("x-acs-") || lower == "host" || lower == "content-type" else { continue }
            grouped[lower, default: []].append(value.trimmingCharacters(in: .whitespaces))
        }
        let names = grouped.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let canonicalHeaders = names.map { name in
            name + ":" + (grouped[name] ?? []).sorted().joined(separator: ",") + "\n"
        }.joined()
        let signedHeaders = names.joined(separator: ";")
        let canonicalRequest = [
            method.uppercased(), path.isEmpty ? "/" : path, canonicalQuery(query), canonicalHeaders, signedHeaders, payloadHash,
        ].joined(separator: "\n")
        return (canonicalRequest, signedHeaders)
    }

    /// Lowercase hex SHA-256 of the canonical request, the second line of the string to sign.
    public static func v3HashedCanonicalRequest(_ canonicalRequest: String) -> String {
        hex(SHA256.hash(data: Data(canonicalRequest.utf8)))
    }

    /// The `Authorization` header value for a V3 request.
    public static func v3Authorization(method: String, path: String, query: [String: String],
                                       headers: [(name: String, value: String)], payloadHash: String,
                                       accessKeyId: String, accessKeySecret: String) -> String {
        let (canonicalRequest, signedHeaders) = v3CanonicalRequest(
            method: method, path: path, query: query, headers: headers, payloadHash: payloadHash)
        let stringToSign = v3Algorithm + "\n" + v3HashedCanonicalRequest(canonicalRequest)
        let key = SymmetricKey(data: Data(accessKeySecret.utf8))
        let signature = hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        return "\(v3Algorithm) Credential=\(accessKeyId),SignedHeaders=\(signedHeaders),Signature=\(signature)"
    }

    func signV3(_ request: UnsignedRequest, credentials: AlibabaCredentials, date: Date, nonce: String) -> SignedRequest {
        let body = request.form.isEmpty ? [] : Array(Self.canonicalQuery(request.form).utf8)
        let payloadHash = body.isEmpty ? Self.emptyPayloadHash : Self.hex(SHA256.hash(data: body))
        var headers: [(name: String, value: String)] = request.headers.map { ($0.name.lowercased(), $0.value) }
        headers.append(("host", request.host))
        headers.append(("x-acs-action", request.action))
        headers.append(("x-acs-version", request.version))
        headers.append(("x-acs-date", ACSTimestamp.string(from: date)))
        headers.append(("x-acs-signature-nonce", nonce))
        headers.append(("x-acs-content-sha256", payloadHash))
        if !body.isEmpty { headers.append(("content-type", "application/x-www-form-urlencoded")) }
        if let token = credentials.securityToken {
            headers.append(("x-acs-security-token", token))
            headers.append(("x-acs-accesskey-id", credentials.accessKeyId))
        }
        let authorization = Self.v3Authorization(
            method: request.method, path: "/", query: request.query, headers: headers, payloadHash: payloadHash,
            accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.accessKeySecret)
        var sent = Dictionary(headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        sent["authorization"] = authorization
        return SignedRequest(method: request.method, queryString: Self.canonicalQuery(request.query), headers: sent, body: body)
    }
}
