import Foundation

/// A cloud that Tunnelform reconciles against: the simulated cloud or Alibaba Cloud.
public protocol CloudProvider: Sendable {
    /// Everything in one region, observed in as few calls as the cloud allows.
    func observe(region: String) async throws(CloudError) -> CloudInventory

    /// Carries out one mutating call. The same token and the same request give the same result
    /// and never a second object, so a retried or resumed call is safe.
    func execute(_ request: CloudRequest, idempotencyToken: String) async throws(CloudError) -> CloudResponse

    /// One look at an object that may be changing by itself.
    func status(of object: CloudObjectRef) async throws(CloudError) -> SettleStatus

    /// The connection as the cloud describes it now, keys included; nil when it does not exist. Read
    /// just before a modify, which must send the keys in effect (`ConnectionSpec.narrowed(against:)`).
    func connection(region: String, id: String) async throws(CloudError) -> CloudConnection?
}

extension CloudProvider {
    /// From a whole region's observation; providers with a cheaper single read override it.
    public func connection(region: String, id: String) async throws(CloudError) -> CloudConnection? {
        try await observe(region: region).connection(id)
    }
}

/// What a mutating call returned.
public struct CloudResponse: Sendable, Equatable {
    /// The id of the object a create call made (`cgw-…`, `vco-…`, `tr-attach-…`).
    public var createdId: String?
    public var requestId: String?

    public init(createdId: String? = nil, requestId: String? = nil) {
        self.createdId = createdId
        self.requestId = requestId
    }
}

/// An object whose asynchronous changes the apply engine waits for.
public enum CloudObjectRef: Sendable, Hashable, CustomStringConvertible {
    case connection(region: String, id: String)
    case transitRouterAttachment(region: String, id: String)
    case routeTableAssociation(region: String, attachmentId: String)
    case routeTablePropagation(region: String, attachmentId: String)

    public var description: String {
        switch self {
        case .connection(_, let id), .transitRouterAttachment(_, let id): id
        case .routeTableAssociation(_, let id): "association of \(id)"
        case .routeTablePropagation(_, let id): "propagation of \(id)"
        }
    }
}

/// Whether an object has stopped changing.
public enum SettleStatus: Sendable, Equatable {
    /// Stable in this state (`attached`, `Active`, …).
    case settled(String)
    /// Still changing; the state word is shown in progress lines (`attaching`, `updating`, …).
    case pending(String)
    /// The object does not exist (deleted, or never created).
    case gone
}

/// A failure reported by a provider, with the cloud's code, message and request id.
public struct CloudError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var requestId: String?
    public var httpStatus: Int?
    /// Retrying the same call (with the same token) may succeed: throttling, conflicts, 5xx, timeouts.
    public var isRetryable: Bool
    /// A server-suggested wait before retrying, in seconds.
    public var retryAfter: Double?

    public init(code: String, message: String, requestId: String? = nil, httpStatus: Int? = nil, isRetryable: Bool? = nil, retryAfter: Double? = nil) {
        self.code = code
        self.message = message
        self.requestId = requestId
        self.httpStatus = httpStatus
        self.isRetryable = isRetryable ?? CloudError.isRetryable(code: code, httpStatus: httpStatus)
        self.retryAfter = retryAfter
    }

    /// The codes Alibaba Cloud uses for conditions that clear by themselves.
    public static let retryableCodes: Set<String> = [
        "ServiceUnavailable", "InternalError", "VpnConnection.Configuring", "VpnGateway.Configuring", "VpnTask.CONFLICT",
        "TaskConflict", "OperationConflict", "Operation.Blocking", "IncorrectStatus.Status", "OperationFailed.TaskConflict",
        "OperationFailed.AllocateCidrFailed", "Rejected.Throttling", "RequestTimeout", "ConnectionFailed",
    ]

    public static func isRetryable(code: String, httpStatus: Int?) -> Bool {
        retryableCodes.contains(code) || code.localizedCaseInsensitiveContains("throttling") || (httpStatus.map { $0 >= 500 } ?? false)
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let requestId { text += " (request id \(requestId))" }
        return text
    }
}
