import Foundation
import TunnelformCore

/// What the emulator answers: a status, headers and a JSON body, or no answer at all.
public struct WireResponse: Sendable {
    public var status: Int
    /// Lowercase names.
    public var headers: [String: String]
    public var body: [UInt8]
    /// Close the connection instead of answering: the call happened, the client never learns it.
    public var dropsConnection: Bool

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = [], dropsConnection: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.dropsConnection = dropsConnection
    }

    /// HTTP 200 with `RequestId` added to the object and echoed in `x-acs-request-id`.
    static func success(_ members: [String: JSONValue], requestId: String) -> WireResponse {
        var members = members
        members["RequestId"] = .string(requestId)
        return json(.object(members), status: 200, requestId: requestId)
    }

    /// The error body of `alibaba-api.md` §2.4, `{RequestId, HostId, Code, Message, Recommend}`, with the
    /// error's HTTP status (400 when it has none).
    static func failure(_ error: CloudError, requestId: String, host: String, product: String, extraHeaders: [String: String] = [:])
        -> WireResponse {
        let id = error.requestId ?? requestId
        let recommend = "https://api.aliyun.com/troubleshoot?q=\(error.code)&product=\(product)&requestId=\(id)"
        var response = json([
            "RequestId": .string(id), "HostId": .string(host), "Code": .string(error.code), "Message": .string(error.message),
            "Recommend": .string(recommend),
        ], status: error.httpStatus ?? 400, requestId: id)
        for (name, value) in extraHeaders { response.headers[name] = value }
        return response
    }

    static func json(_ value: JSONValue, status: Int, requestId: String? = nil) -> WireResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(value)).map { Array($0) } ?? Array("{}".utf8)
        var headers = ["content-type": "application/json;charset=utf-8"]
        if let requestId { headers["x-acs-request-id"] = requestId }
        return WireResponse(status: status, headers: headers, body: body)
    }
}
