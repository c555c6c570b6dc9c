import Crypto
import Foundation
import TunnelformAlibaba
import TunnelformCore

/// Checks a request's signature with the provider's own `RequestSigner`, under either scheme
/// (`alibaba-api.md` §1), and remembers nonces so that a replay is refused.
///
/// Checks run in this order: a known AccessKey id (`InvalidAccessKeyId.NotFound`, 404), a timestamp
/// within the window (`InvalidTimeStamp.Expired`), the signature (`SignatureDoesNotMatch`, whose message
/// echoes the server's string to sign as the real service does), then the nonce (`SignatureNonceUsed`),
/// so a request that fails earlier does not use up its nonce.
actor SignatureVerifier {
    /// Who signed the request, and what it asks for.
    struct Verified: Sendable {
        var accessKeyId: String
        var scheme: RequestSigner.Scheme
        var action: String?
        var version: String?
    }

    let accessKeys: [String: String]
    let v3Window: Double
    let rpcWindow: Double
    /// `accessKeyId|nonce` → when it may be forgotten (its timestamp can no longer be within the window).
    private var nonces: [String: Date] = [:]
    private var insertionsSincePrune = 0

    init(accessKeys: [String: String], v3Window: Double, rpcWindow: Double) {
        self.accessKeys = accessKeys
        self.v3Window = v3Window
        self.rpcWindow = rpcWindow
    }

    func verify(_ request: WireRequest, now: Date) throws(CloudError) -> Verified {
        if let authorization = request.header("authorization") {
            return try verifyV3(request, authorization: authorization, now: now)
        }
        if request.parameters["Signature"] != nil {
            return try verifyRPC(request, now: now)
        }
        throw Self.incomplete("the request carries neither an Authorization header nor a Signature parameter")
    }

    // MARK: V3

    private func verifyV3(_ request: WireRequest, authorization: String, now: Date) throws(CloudError) -> Verified {
        let prefix = RequestSigner.v3Algorithm + " "
        guard authorization.hasPrefix(prefix) else {
            throw Self.incomplete("the Authorization header does not start with \(RequestSigner.v3Algorithm)")
        }
        var fields: [String: String] = [:]
        for item in authorization.dropFirst(prefix.count).split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            fields[pair[0].trimmingCharacters(in: .whitespaces)] = pair[1].trimmingCharacters(in: .whitespaces)
        }
        guard let accessKeyId = fields["Credential"], let signedList = fields["SignedHeaders"], let signature = fields["Signature"] else {
            throw Self.incomplete("the Authorization header needs Credential, SignedHeaders and Signature")
        }
        let secret = try secret(for: accessKeyId)
        let signedNames = signedList.split(separator: ";").map { $0.lowercased() }
        for required in ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"]
        where !signedNames.contains(required) {
            throw Self.incomplete("the header \(required) must be signed")
        }
        guard let dateText = request.header("x-acs-date") else { throw Self.missing("x-acs-date") }
        try checkTimestamp(dateText, now: now, window: v3Window)
        guard let nonce = request.header("x-acs-signature-nonce"), !nonce.isEmpty else { throw Self.missing("x-acs-signature-nonce") }
        guard let payloadHash = request.header("x-acs-content-sha256") else { throw Self.missing("x-acs-content-sha256") }
        let bodyHash = Self.hex(SHA256.hash(data: request.body))
        guard payloadHash.lowercased() == bodyHash else {
            throw Self.mismatch("x-acs-content-sha256 is \(payloadHash) but the body's SHA-256 is \(bodyHash)")
        }
        var headers: [(name: String, value: String)] = []
        for name in signedNames {
            let values = name == "host" ? [request.host] : request.headers.filter { $0.name == name }.map(\.value)
            guard !values.isEmpty else { throw Self.incomplete("the signed header \(name) is missing") }
            headers += values.map { (name, $0) }
        }
        let path = request.path.isEmpty ? "/" : request.path
        let (canonicalRequest, _) = RequestSigner.v3CanonicalRequest(
            method: request.method, path: path, query: request.query, headers: headers, payloadHash: payloadHash)
        let expected = RequestSigner.v3Authorization(
            method: request.method, path: path, query: request.query, headers: headers, payloadHash: payloadHash,
            accessKeyId: accessKeyId, accessKeySecret: secret)
        let expectedSignature = expected.components(separatedBy: "Signature=").last ?? ""
        guard Self.constantTimeEqual(expectedSignature, signature.lowercased()) else {
            let stringToSign = RequestSigner.v3Algorithm + "\n" + RequestSigner.v3HashedCanonicalRequest(canonicalRequest)
            throw Self.mismatch("server string to sign is:" + stringToSign)
        }
        try useNonce(nonce, accessKeyId: accessKeyId, now: now, window: v3Window)
        return Verified(accessKeyId: accessKeyId, scheme: .v3,
                        action: request.header("x-acs-action") ?? request.parameters["Action"],
                        version: request.header("x-acs-version") ?? request.parameters["Version"])
    }

    // MARK: RPC HMAC-SHA1

    private func verifyRPC(_ request: WireRequest, now: Date) throws(CloudError) -> Verified {
        var parameters = request.parameters
        let signature = parameters.removeValue(forKey: "Signature") ?? ""
        guard let accessKeyId = parameters["AccessKeyId"], !accessKeyId.isEmpty else { throw Self.missing("AccessKeyId") }
        let secret = try secret(for: accessKeyId)
        guard parameters["SignatureMethod"] == "HMAC-SHA1", parameters["SignatureVersion"] == "1.0" else {
            throw Self.incomplete("SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0")
        }
        guard let timestamp = parameters["Timestamp"] else { throw Self.missing("Timestamp") }
        try checkTimestamp(timestamp, now: now, window: rpcWindow)
        guard let nonce = parameters["SignatureNonce"], !nonce.isEmpty else { throw Self.missing("SignatureNonce") }
        let expected = RequestSigner.rpcSignature(method: request.method, parameters: parameters, accessKeySecret: secret)
        guard Self.constantTimeEqual(expected, signature) else {
            throw Self.mismatch("server string to sign is:" + RequestSigner.rpcStringToSign(method: request.method, parameters: parameters))
        }
        try useNonce(nonce, accessKeyId: accessKeyId, now: now, window: rpcWindow)
        return Verified(accessKeyId: accessKeyId, scheme: .rpcHMACSHA1, action: parameters["Action"], version: parameters["Version"])
    }

    // MARK: Shared checks

    private func secret(for accessKeyId: String) throws(CloudError) -> String {
        guard let secret = accessKeys[accessKeyId] else {
            throw CloudError(code: "InvalidAccessKeyId.NotFound", message: "Specified access key is not found.", httpStatus: 404)
        }
        return secret
    }

    private func checkTimestamp(_ text: String, now: Date, window: Double) throws(CloudError) {
        guard let date = TimestampParser.date(from: text) else {
            throw CloudError(code: "InvalidTimeStamp.Format", message: "Specified time stamp \(text) is not in the format yyyy-MM-ddTHH:mm:ssZ.",
                             httpStatus: 400)
        }
        guard abs(date.timeIntervalSince(now)) <= window else {
            throw CloudError(code: "InvalidTimeStamp.Expired",
                             message: "Specified time stamp or date value is expired: \(text) is more than \(Int(window)) s from \(ACSTimestamp.string(from: now)).",
                             httpStatus: 400)
        }
    }

    private func useNonce(_ nonce: String, accessKeyId: String, now: Date, window: Double) throws(CloudError) {
        let key = accessKeyId + "|" + nonce
        if let expiry = nonces[key], expiry > now {
            throw CloudError(code: "SignatureNonceUsed", message: "Specified signature nonce was used already.", httpStatus: 400)
        }
        nonces[key] = now.addingTimeInterval(2 * window)
        insertionsSincePrune += 1
        if insertionsSincePrune >= 10_000 {
            insertionsSincePrune = 0
            nonces = nonces.filter { $0.value > now }
        }
    }

    static func incomplete(_ detail: String) -> CloudError {
        CloudError(code: "IncompleteSignature", message: "The request signature does not conform to Aliyun standards: \(detail).", httpStatus: 400)
    }

    static func missing(_ name: String) -> CloudError {
        CloudError(code: "MissingParameter", message: "The input parameter \"\(name)\" that is mandatory for processing this request is not supplied.",
                   httpStatus: 400)
    }

    static func mismatch(_ detail: String) -> CloudError {
        CloudError(code: "SignatureDoesNotMatch", message: "Specified signature is not matched with our calculation. \(detail)", httpStatus: 400)
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// Compares without stopping at the first difference, so timing reveals nothing about the signature.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
