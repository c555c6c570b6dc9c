import Crypto
import Foundation
import TunnelformCore

/// Checks a request's signature under either scheme (`alibaba-api.md` §1) with the emulator's own
/// `ACS3Signature` and `RPCSignature` — never the client's signer — and remembers nonces so that a
/// replay is refused.
///
/// Checks run in this order: a known AccessKey id (`InvalidAccessKeyId.NotFound`, 404), a timestamp
/// within the window (`InvalidTimeStamp.Expired`), the signature (`SignatureDoesNotMatch`, whose message
/// echoes the server's string to sign as the real service does), then the nonce (`SignatureNonceUsed`),
/// so a request that fails earlier does not use up its nonce.
actor SignatureVerifier {
    /// The two schemes a request can be signed with.
    enum Scheme: String, Sendable {
        case v3
        case rpc
    }

    /// Who signed the request, and what it asks for.
    struct Verified: Sendable {
        var accessKeyId: String
        var scheme: Scheme
        var action: String?
        var version: String?
    }

    /// The headers a V3 request must sign; the SDKs and Tunnelform's client all do, and the service
    /// documents that every common header but `Authorization` is to be signed.
    static let requiredSignedHeaders = ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce",
                                        "x-acs-content-sha256"]

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
        let prefix = ACS3Signature.algorithm + " "
        guard authorization.hasPrefix(prefix) else {
            throw Self.incomplete("the Authorization header does not start with \(ACS3Signature.algorithm)")
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
        for required in Self.requiredSignedHeaders where !signedNames.contains(required) {
            throw Self.incomplete("the header \(required) must be signed")
        }
        guard let dateText = request.header("x-acs-date") else { throw Self.missing("x-acs-date") }
        try checkTimestamp(dateText, now: now, window: v3Window)
        guard let nonce = request.header("x-acs-signature-nonce"), !nonce.isEmpty else { throw Self.missing("x-acs-signature-nonce") }
        guard let payloadHash = request.header("x-acs-content-sha256") else { throw Self.missing("x-acs-content-sha256") }
        let bodyHash = ACS3Signature.hex(SHA256.hash(data: request.body))
        guard payloadHash.lowercased() == bodyHash else {
            throw Self.mismatch("x-acs-content-sha256 is \(payloadHash) but the body's SHA-256 is \(bodyHash)")
        }
        // Exactly the listed headers, in the listed order, with every value each was sent with.
        var headers: [(name: String, values: [String])] = []
        for name in signedNames {
            let values = name == "host" ? [request.host] : request.headers.filter { $0.name == name }.map(\.value)
            guard !values.isEmpty else { throw Self.incomplete("the signed header \(name) is missing") }
            headers.append((name, values))
        }
        let computed = ACS3Signature(method: request.method, path: request.path, query: request.queryPairs, signedHeaders: headers,
                                     payloadHash: payloadHash)
        guard Self.constantTimeEqual(computed.signature(secret: secret), signature.lowercased()) else {
            throw Self.mismatch("server string to sign is:" + computed.stringToSign)
        }
        try useNonce(nonce, accessKeyId: accessKeyId, now: now, window: v3Window)
        return Verified(accessKeyId: accessKeyId, scheme: .v3,
                        action: request.header("x-acs-action") ?? request.parameters["Action"],
                        version: request.header("x-acs-version") ?? request.parameters["Version"])
    }

    // MARK: RPC HMAC-SHA1

    private func verifyRPC(_ request: WireRequest, now: Date) throws(CloudError) -> Verified {
        let parameters = request.parameters
        let signature = parameters["Signature"] ?? ""
        guard let accessKeyId = parameters["AccessKeyId"], !accessKeyId.isEmpty else { throw Self.missing("AccessKeyId") }
        let secret = try secret(for: accessKeyId)
        guard parameters["SignatureMethod"] == "HMAC-SHA1", parameters["SignatureVersion"] == "1.0" else {
            throw Self.incomplete("SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0")
        }
        guard let timestamp = parameters["Timestamp"] else { throw Self.missing("Timestamp") }
        try checkTimestamp(timestamp, now: now, window: rpcWindow)
        guard let nonce = parameters["SignatureNonce"], !nonce.isEmpty else { throw Self.missing("SignatureNonce") }
        // Query and form body together, as the service signs them.
        let computed = RPCSignature(method: request.method, parameters: request.queryPairs + request.formPairs)
        guard Self.constantTimeEqual(computed.signature(secret: secret), signature) else {
            throw Self.mismatch("server string to sign is:" + computed.stringToSign)
        }
        try useNonce(nonce, accessKeyId: accessKeyId, now: now, window: rpcWindow)
        return Verified(accessKeyId: accessKeyId, scheme: .rpc, action: parameters["Action"], version: parameters["Version"])
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
                             message: "Specified time stamp or date value is expired: \(text) is more than \(Int(window)) s from \(TimestampParser.string(from: now)).",
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

    /// Compares without stopping at the first difference, so timing reveals nothing about the signature.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
