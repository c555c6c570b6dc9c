import Foundation
import Testing
import TunnelformAlibaba
import TunnelformEmulator

/// Requests signed by the provider's own signer, as the emulator would receive them over HTTP.
enum SignedCall {
    static let host = "127.0.0.1:8080"

    static func wire(_ call: APICall, scheme: RequestSigner.Scheme = .v3, accessKeyId: String = EmulatorConfiguration.defaultAccessKeyId,
                     secret: String = EmulatorConfiguration.defaultAccessKeySecret, date: Date = Date(),
                     nonce: String = UUID().uuidString, clientToken: String? = nil, version: String? = nil) throws -> WireRequest {
        let (query, form) = call.placed(clientToken: clientToken)
        let unsigned = UnsignedRequest(host: host, action: call.action, version: version ?? call.product.apiVersion, query: query, form: form)
        let signed = RequestSigner(scheme: scheme).sign(unsigned, credentials: AlibabaCredentials(accessKeyId: accessKeyId, accessKeySecret: secret),
                                                        date: date, nonce: nonce)
        return try #require(WireRequest(method: signed.method, host: signed.headers["host"] ?? host, path: "/",
                                        headers: signed.headers.map { ($0.key, $0.value) }, rawQuery: signed.queryString, body: signed.body))
    }

    /// The JSON object of a response body.
    static func object(_ response: WireResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }
}
