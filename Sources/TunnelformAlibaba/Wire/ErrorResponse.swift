import Foundation
import TunnelformCore

/// Maps an error response (`{RequestId, HostId, Code, Message, Recommend}` plus headers) to a `CloudError`.
///
/// The cloud's code, message and request id are kept; `x-acs-retry-after` (milliseconds) becomes
/// `retryAfter` in seconds. Retryability is `CloudError.isRetryable` (known codes, throttling, HTTP 5xx).
public enum ErrorResponse {
    public static func cloudError(status: Int, headers: [String: String], body: [UInt8]) -> CloudError {
        let json = JSONValue.parse(bytes: body)
        let lowerHeaders = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        let requestId = json?["RequestId"]?.nonEmptyString ?? json?["requestId"]?.nonEmptyString ?? lowerHeaders["x-acs-request-id"]
        let code = json?["Code"]?.nonEmptyString ?? json?["code"]?.nonEmptyString ?? "HTTP\(status)"
        let message = json?["Message"]?.nonEmptyString ?? json?["message"]?.nonEmptyString ?? fallbackMessage(status: status, body: body)
        let retryAfter = lowerHeaders["x-acs-retry-after"].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            .map { max(0, $0) / 1000 }
        return CloudError(code: code, message: message, requestId: requestId, httpStatus: status, retryAfter: retryAfter)
    }

    static func fallbackMessage(status: Int, body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "HTTP status \(status) with no body" : "HTTP status \(status): \(text)"
    }
}
