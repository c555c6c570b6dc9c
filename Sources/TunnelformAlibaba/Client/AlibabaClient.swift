import Foundation
import TunnelformCore

/// Sends signed OpenAPI calls: endpoint resolution, signing, rate limiting and retries.
///
/// A retried call keeps its `ClientToken` (so the cloud treats it as the same operation) and gets
/// a fresh signature nonce and timestamp on every attempt.
public final class AlibabaClient: Sendable {
    public let credentials: AlibabaCredentials
    public let endpoints: EndpointResolver
    public let signer: RequestSigner
    public let retryPolicy: BackoffPolicy
    /// Per-attempt limit for the whole exchange, in seconds.
    public let requestTimeout: Double
    public let statistics = ClientStatistics()
    let transport: any HTTPTransport
    let clock: TunnelformClock
    let random: any RandomSource
    let rateLimiter: RateLimiter
    let userAgent: String
    /// Hears every retry as it is scheduled (the CLI prints `ConnectionFailed (attempt 3 of 10), retrying in 4 s`).
    let onRetry: @Sendable (CloudRetry) -> Void

    public init(credentials: AlibabaCredentials, transport: any HTTPTransport, endpoints: EndpointResolver = EndpointResolver(),
                signer: RequestSigner = RequestSigner(), retryPolicy: BackoffPolicy = BackoffPolicy(), requestsPerSecond: Double = 20,
                requestTimeout: Double = 30, clock: TunnelformClock = .system, random: any RandomSource = SystemRandomSource(),
                userAgent: String = "Tunnelform", onRetry: @escaping @Sendable (CloudRetry) -> Void = { _ in }) {
        self.credentials = credentials
        self.transport = transport
        self.endpoints = endpoints
        self.signer = signer
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.clock = clock
        self.random = random
        self.rateLimiter = RateLimiter(requestsPerSecond: requestsPerSecond, clock: clock)
        self.userAgent = userAgent
        self.onRetry = onRetry
    }

    /// Calls the API and returns the parsed success body, retrying retryable failures unless `retrying`
    /// is false (a mutating call, which the apply engine retries: one layer of retries per call).
    /// `clientToken`, when given, is sent as `ClientToken` on every attempt.
    public func call(_ call: APICall, clientToken: String? = nil, retrying: Bool = true) async throws(CloudError) -> JSONValue {
        let endpoint: Endpoint
        do {
            endpoint = try endpoints.endpoint(for: call.product, region: call.region)
        } catch {
            throw CloudError(code: "InvalidEndpoint", message: error.description, isRetryable: false)
        }
        let (query, form) = call.placed(clientToken: clientToken)
        let unsigned = UnsignedRequest(host: endpoint.hostHeader, action: call.action, version: call.product.apiVersion,
                                       query: query, form: form,
                                       headers: [("accept", "application/json"), ("user-agent", userAgent)])
        let sensitive = call.sensitiveValues + credentials.sensitiveValues
        var attempt = 1
        while true {
            do {
                return try await attemptOnce(unsigned, endpoint: endpoint, action: call.action)
            } catch {
                let scrubbed = Self.scrub(error, removing: sensitive)
                guard retrying, scrubbed.isRetryable, attempt < retryPolicy.maxAttempts else { throw scrubbed }
                let wait = retryPolicy.delay(afterAttempt: attempt, retryAfter: scrubbed.retryAfter, random: random.unitInterval())
                await statistics.recordRetry(code: scrubbed.code)
                onRetry(CloudRetry(action: call.action, region: call.region, code: scrubbed.code, attempt: attempt, maxAttempts: retryPolicy.maxAttempts, delay: wait))
                do {
                    try await clock.sleep(seconds: wait)
                } catch {
                    throw CloudError(code: "Cancelled", message: "cancelled while waiting to retry after \(scrubbed)", isRetryable: false)
                }
                attempt += 1
            }
        }
    }

    /// One signed exchange; a fresh nonce and timestamp each time.
    func attemptOnce(_ unsigned: UnsignedRequest, endpoint: Endpoint, action: String) async throws(CloudError) -> JSONValue {
        do {
            try await rateLimiter.acquire(host: endpoint.hostHeader)
        } catch {
            throw CloudError(code: "Cancelled", message: "cancelled before sending \(action)", isRetryable: false)
        }
        let signed = signer.sign(unsigned, credentials: credentials, date: clock.now(), nonce: random.nonce())
        let url = endpoint.baseURL + "/" + (signed.queryString.isEmpty ? "" : "?" + signed.queryString)
        await statistics.recordCall(action: action)
        let response: HTTPResponse
        do {
            response = try await transport.send(method: signed.method, url: url, headers: signed.headers, body: signed.body,
                                                timeout: requestTimeout)
        } catch HTTPTransportError.timeout(let detail) {
            throw CloudError(code: "RequestTimeout", message: "\(action) to \(endpoint.host) timed out: \(detail)", isRetryable: true)
        } catch HTTPTransportError.unreachable(let detail) {
            throw CloudError(code: "EndpointUnreachable", message: "\(action) to \(endpoint.host) failed, and retrying cannot help: \(detail)",
                             isRetryable: false)
        } catch is CancellationError {
            throw CloudError(code: "Cancelled", message: "\(action) was cancelled", isRetryable: false)
        } catch {
            throw CloudError(code: "ConnectionFailed", message: "\(action) to \(endpoint.host) failed: \(error)", isRetryable: true)
        }
        guard (200..<300).contains(response.status) else {
            throw ErrorResponse.cloudError(status: response.status, headers: response.headers, body: response.body)
        }
        guard let json = JSONValue.parse(bytes: response.body), case .object = json else {
            throw CloudError(code: "InvalidResponse", message: "\(action) answered HTTP \(response.status) with a body that is not a JSON object",
                             requestId: response.headers["x-acs-request-id"], httpStatus: response.status, isRetryable: false)
        }
        return json
    }

    /// Removes secret values (and their percent-encoded forms, as echoed in a server string-to-sign) from a message.
    static func scrub(_ error: CloudError, removing secrets: [String]) -> CloudError {
        var scrubbed = error
        for secret in secrets where !secret.isEmpty {
            let once = PercentEncoding.encode(secret)
            for form in [PercentEncoding.encode(once), once, secret] {
                scrubbed.message = scrubbed.message.replacingOccurrences(of: form, with: "(sensitive)")
            }
        }
        return scrubbed
    }
}
