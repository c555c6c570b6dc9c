import Crypto
import Foundation

extension RequestSigner {
    /// `METHOD&%2F&pe(canonical query)` over every parameter, query and form body merged (`alibaba-api.md` §1.2).
    public static func rpcStringToSign(method: String, parameters: [String: String]) -> String {
        method + "&" + PercentEncoding.encode("/") + "&" + PercentEncoding.encode(canonicalQuery(parameters))
    }

    /// Base64 HMAC-SHA1 keyed with the secret plus a mandatory trailing `&`.
    public static func rpcSignature(method: String, parameters: [String: String], accessKeySecret: String) -> String {
        let key = SymmetricKey(data: Data((accessKeySecret + "&").utf8))
        let code = HMAC<Insecure.SHA1>.authenticationCode(
            for: Data(rpcStringToSign(method: method, parameters: parameters).utf8), using: key)
        return Data(code).base64EncodedString()
    }

    /// The common parameters of an RPC-signed call, without `Signature`.
    static func rpcCommonParameters(_ request: UnsignedRequest, credentials: AlibabaCredentials, date: Date,
                                    nonce: String) -> [String: String] {
        var common = [
            "Action": request.action, "Version": request.version, "Format": "JSON", "AccessKeyId": credentials.accessKeyId,
            "SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "SignatureNonce": nonce,
            "Timestamp": ACSTimestamp.string(from: date),
        ]
        if let token = credentials.securityToken { common["SecurityToken"] = token }
        return common
    }

    func signRPC(_ request: UnsignedRequest, credentials: AlibabaCredentials, date: Date, nonce: String) -> SignedRequest {
        let query = request.query.merging(
            Self.rpcCommonParameters(request, credentials: credentials, date: date, nonce: nonce)) { _, common in common }
        let signed = query.merging(request.form) { queryValue, _ in queryValue }
        let signature = Self.rpcSignature(method: request.method, parameters: signed, accessKeySecret: credentials.accessKeySecret)
        let body = request.form.isEmpty ? [] : Array(Self.canonicalQuery(request.form).utf8)
        var headers = Dictionary(request.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        headers["host"] = request.host
        if !body.isEmpty { headers["content-type"] = "application/x-www-form-urlencoded" }
        let queryString = Self.canonicalQuery(query) + "&Signature=" + PercentEncoding.encode(signature)
        return SignedRequest(method: request.method, queryString: queryString, headers: headers, body: body)
    }
}
