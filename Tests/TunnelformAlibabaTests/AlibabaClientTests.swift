import Foundation
import Testing
import TunnelformCore
@testable import TunnelformAlibaba

@Suite struct AlibabaClientTests {
    static let throttled = HTTPResponse(status: 400, headers: ["x-acs-request-id": "req-t", "x-acs-retry-after": "1500"], json: """
    {"RequestId": "req-t", "HostId": "vpc.aliyuncs.com", "Code": "Throttling.User", "Message": "Request was denied due to user flow control."}
    """)
    static let unavailable = HTTPResponse(status: 503, json: #"{"RequestId": "req-u", "Code": "ServiceUnavailable", "Message": "busy"}"#)

    @Test func retriesKeepClientTokenAndRenewNonces() async throws {
        let transport = FakeTransport { _, position in
            switch position {
            case 0: Self.throttled
            case 1: Self.unavailable
            default: Fixtures.ok(#"{"RequestId": "req-ok", "CustomerGatewayId": "cgw-new"}"#)
            }
        }
        let clock = Fixtures.clock()
        let provider = Fixtures.provider(transport, clock: clock)
        let call = APICall(.vpc, "CreateCustomerGateway", region: "cn-shanghai", parameters: ["RegionId": "cn-shanghai", "IpAddress": "203.0.113.10"])
        let response = try await provider.client.call(call, clientToken: "tok-42")
        #expect(response["CustomerGatewayId"]?.stringValue == "cgw-new")
        let requests = transport.requests
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.query["ClientToken"] == "tok-42" })
        #expect(Set(requests.compactMap { $0.headers["x-acs-signature-nonce"] }).count == 3)
        #expect(requests.allSatisfy { $0.url.hasPrefix("https://vpc.cn-shanghai.aliyuncs.com/?") })
        #expect(clock.sleeps.count == 2)
        #expect(clock.sleeps[0] == .seconds(1.5))  // x-acs-retry-after, in ms
        #expect((Duration.seconds(1)...Duration.seconds(2)).contains(clock.sleeps[1]))  // second backoff: 2 s with equal jitter
        #expect(await provider.client.statistics.retries == 2)
        #expect(await provider.client.statistics.retriesByCode == ["Throttling.User": 1, "ServiceUnavailable": 1])
        // The date moves with the clock, so each attempt is signed for its own time.
        let dates = requests.map { $0.headers["x-acs-date"] ?? "" }
        #expect(dates.first == "2024-01-01T00:00:00Z")
        #expect(Set(dates).count == 3)
    }

    /// A mutating call is sent once by the provider: the apply engine owns its retries, so one call is
    /// never retried by two layers.
    @Test func aMutatingCallIsTriedOnceByTheProvider() async throws {
        let transport = FakeTransport { _, _ in Self.unavailable }
        let provider = Fixtures.provider(transport, clock: Fixtures.clock())
        let spec = CustomerGatewaySpec(name: "edge", ipAddress: IPv4Address("203.0.113.10")!, asn: nil, authKey: nil, description: nil, tags: [:])
        await #expect(throws: CloudError.self) {
            try await provider.execute(.createCustomerGateway(region: "cn-shanghai", spec), idempotencyToken: "tok-1")
        }
        #expect(transport.requests.count == 1)
    }

    @Test func terminalErrorSurfacesWithCodeMessageAndRequestId() async {
        let transport = FakeTransport { _, _ in
            HTTPResponse(status: 400, json: #"{"RequestId": "req-9", "Code": "InvalidParameter", "Message": "The specified Asn is invalid."}"#)
        }
        let clock = Fixtures.clock()
        let client = Fixtures.client(transport, clock: clock)
        await #expect(throws: CloudError(code: "InvalidParameter", message: "The specified Asn is invalid.", requestId: "req-9", httpStatus: 400)) {
            try await client.call(APICall(.vpc, "CreateCustomerGateway", region: "cn-hangzhou", parameters: ["RegionId": "cn-hangzhou"]))
        }
        #expect(transport.requests.count == 1)
        #expect(clock.sleeps.isEmpty)
        #expect(await client.statistics.retries == 0)
    }

    @Test func retriesStopAtMaxAttempts() async {
        let transport = FakeTransport { _, _ in Self.unavailable }
        let clock = Fixtures.clock()
        let client = Fixtures.client(transport, clock: clock, maxAttempts: 3)
        do {
            _ = try await client.call(APICall(.cbn, "ListTransitRouterVpnAttachments", region: "cn-hangzhou"))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "ServiceUnavailable" && error.requestId == "req-u" && error.isRetryable)
        }
        #expect(transport.requests.count == 3)
        #expect(clock.sleeps.count == 2)
        #expect(transport.requests.allSatisfy { $0.url.hasPrefix("https://cbn.aliyuncs.com/") })
    }

    @Test func transportFailuresAreRetried() async throws {
        let transport = FakeTransport { _, position in
            if position == 0 { throw HTTPTransportError.timeout("read timed out") }
            if position == 1 { throw HTTPTransportError.connectionFailed("connection reset") }
            return Fixtures.ok(#"{"RequestId": "r"}"#)
        }
        let client = Fixtures.client(transport)
        let json = try await client.call(APICall(.vpc, "DescribeVpnConnection", region: "cn-hangzhou"))
        #expect(json["RequestId"]?.stringValue == "r")
        #expect(await client.statistics.retriesByCode == ["RequestTimeout": 1, "ConnectionFailed": 1])
        #expect(await client.statistics.calls == 3)
    }

    @Test func anUnreachableEndpointFailsAtOnceAndEveryRetryIsReported() async throws {
        let unreachable = FakeTransport { _, _ in throw HTTPTransportError.unreachable("getaddrinfo: Name or service not known") }
        let client = Fixtures.client(unreachable)
        do {
            _ = try await client.call(APICall(.vpc, "DescribeVpnConnections", region: "cn-hangzhou"))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "EndpointUnreachable" && !error.isRetryable)
            #expect(error.message.contains("Name or service not known"))
        }
        #expect(unreachable.requests.count == 1)

        let retries = RetryLog()
        let flaky = FakeTransport { _, position in
            if position < 2 { throw HTTPTransportError.connectionFailed("connection reset") }
            return Fixtures.ok(#"{"RequestId": "r"}"#)
        }
        let reporting = AlibabaClient(credentials: client.credentials, transport: flaky, clock: TunnelformClock(Fixtures.clock()),
                                      onRetry: { retries.append($0) })
        _ = try await reporting.call(APICall(.vpc, "DescribeVpnConnections", region: "cn-hangzhou"))
        #expect(retries.all.map(\.attempt) == [1, 2])
        #expect(retries.all.allSatisfy { $0.code == "ConnectionFailed" && $0.action == "DescribeVpnConnections" && $0.maxAttempts == 10 })
    }

    @Test func conflictCodesAreRetried() async throws {
        let transport = FakeTransport { _, position in
            position == 0
                ? HTTPResponse(status: 400, json: #"{"Code": "VpnConnection.Configuring", "Message": "busy", "RequestId": "x"}"#)
                : Fixtures.ok(#"{"RequestId": "r"}"#)
        }
        _ = try await Fixtures.client(transport).call(APICall(.vpc, "ModifyVpnAttachmentAttribute", region: "cn-hangzhou"), clientToken: "same")
        #expect(transport.requests.map { $0.query["ClientToken"] } == ["same", "same"])
    }

    @Test func nonJSONSuccessIsAnError() async {
        let transport = FakeTransport { _, _ in HTTPResponse(status: 200, body: Array("<xml/>".utf8)) }
        await #expect(throws: CloudError.self) { try await Fixtures.client(transport).call(APICall(.vpc, "X", region: "cn-hangzhou")) }
        #expect(transport.requests.count == 1)
    }

    @Test func secretsAreScrubbedFromEchoedMessages() async {
        let psk = "s3cr*t!"
        let echoed = "server string to sign is:POST&%2F&TunnelOptionsSpecification.1.TunnelIkeConfig.Psk%3D"
            + PercentEncoding.encode(PercentEncoding.encode(psk)) + " raw " + psk + " and key test-secret-value"
        let transport = FakeTransport { _, _ in
            HTTPResponse(status: 400, json: #"{"Code": "SignatureDoesNotMatch", "Message": "\#(echoed)", "RequestId": "r"}"#)
        }
        do {
            _ = try await Fixtures.client(transport, scheme: .rpcHMACSHA1).call(
                APICall(.vpc, "CreateVpnAttachment", region: "cn-hangzhou", parameters: ["X": .string(psk)], sensitiveValues: [psk]))
            Issue.record("expected an error")
        } catch {
            #expect(!error.message.contains(psk))
            #expect(!error.message.contains(PercentEncoding.encode(psk)))
            #expect(!error.message.contains("test-secret-value"))
            #expect(error.message.contains("(sensitive)"))
        }
    }

    @Test func formBodyTravelsAsUrlencodedBody() async throws {
        let transport = FakeTransport { _, _ in Fixtures.ok(#"{"RequestId": "r", "VpnConnectionId": "vco-1"}"#) }
        let provider = Fixtures.provider(transport)
        let response = try await provider.execute(.createConnection(region: "cn-hangzhou", Fixtures.connectionSpec()), idempotencyToken: "tok")
        #expect(response.createdId == "vco-1")
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(request.form["TunnelOptionsSpecification.1.TunnelIkeConfig.Psk"] == "s3cr*t!")
        #expect(request.query.keys.allSatisfy { !$0.hasPrefix("TunnelOptionsSpecification") })
        #expect(request.query["ClientToken"] == "tok")
        #expect(request.headers["host"] == "vpc.aliyuncs.com")
        #expect(request.headers["x-acs-action"] == "CreateVpnAttachment")
        #expect(request.headers["x-acs-version"] == "2016-04-28")
    }

    @Test func endpointOverrideReachesLoopbackOverPlainHTTP() async throws {
        let transport = FakeTransport { _, _ in Fixtures.ok(#"{"RequestId": "r"}"#) }
        let client = Fixtures.client(transport, overrides: EndpointOverrides(vpc: "http://127.0.0.1:18080"))
        _ = try await client.call(APICall(.vpc, "DescribeVpnConnections", region: "cn-shanghai", parameters: ["RegionId": "cn-shanghai"]))
        #expect(transport.requests.first?.url == "http://127.0.0.1:18080/?RegionId=cn-shanghai")
        #expect(transport.requests.first?.headers["host"] == "127.0.0.1:18080")
    }

    @Test func insecureOverrideIsRefusedBeforeSending() async {
        let transport = FakeTransport { _, _ in Fixtures.ok("{}") }
        let client = Fixtures.client(transport, overrides: EndpointOverrides(vpc: "http://192.0.2.1:8080"))
        await #expect(throws: CloudError.self) { try await client.call(APICall(.vpc, "DescribeVpnConnections", region: "cn-shanghai")) }
        #expect(transport.requests.isEmpty)
    }

    @Test func rateLimiterSpacesRequestsPerHost() async throws {
        let clock = Fixtures.clock()
        let limiter = RateLimiter(requestsPerSecond: 20, clock: TunnelformClock(clock))
        for _ in 0..<25 { try await limiter.acquire(host: "vpc.aliyuncs.com") }
        #expect(clock.sleeps.count == 5)
        #expect(abs(clock.sleeps.reduce(.zero, +).timeInterval - 0.25) < 1e-9)
        try await limiter.acquire(host: "cbn.aliyuncs.com")
        #expect(clock.sleeps.count == 5)
    }

    @Test func rateLimiterRefillsOverTime() async throws {
        let clock = Fixtures.clock()
        let limiter = RateLimiter(requestsPerSecond: 2, clock: TunnelformClock(clock))
        try await limiter.acquire(host: "h")
        try await limiter.acquire(host: "h")
        try await limiter.sleepless(clock: clock, seconds: 1)
        try await limiter.acquire(host: "h")
        try await limiter.acquire(host: "h")
        #expect(clock.sleeps == [.seconds(1)])
        try await limiter.acquire(host: "h")
        #expect(clock.sleeps == [.seconds(1), .milliseconds(500)])
    }

    @Test func backoffIsJitteredExponentialAndCapped() {
        let policy = BackoffPolicy(maxAttempts: 10, baseDelay: 1, maxDelay: 20)
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: 0) == 0.5)
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: 0.999) < 1)
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: 0) == 2)
        #expect(policy.delay(afterAttempt: 9, retryAfter: nil, random: 0.5) == 15)
        #expect(policy.delay(afterAttempt: 2, retryAfter: 7, random: 0.3) == 7)
        #expect(policy.delay(afterAttempt: 2, retryAfter: 9999, random: 0.3) == 300)
    }
}

extension RateLimiter {
    /// Lets fake time pass without a request (the clock's own sleep).
    func sleepless(clock: ManualClock, seconds: Double) async throws {
        try await clock.sleep(for: .seconds(seconds))
    }
}

/// The retries a client reported.
final class RetryLog: @unchecked Sendable {
    private let lock = NSLock()
    private var retries: [CloudRetry] = []
    var all: [CloudRetry] { lock.withLock { retries } }
    func append(_ retry: CloudRetry) { lock.withLock { retries.append(retry) } }
}
