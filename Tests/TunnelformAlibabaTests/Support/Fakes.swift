import Foundation
import TunnelformAlibaba
import TunnelformCore

/// A counter standing in for randomness: distinct values, repeatable runs.
final class FakeRandom: RandomSource, @unchecked Sendable {
    private let lock = NSLock()
    private var counter: UInt64 = 0

    func nextUInt64() -> UInt64 {
        lock.withLock {
            counter += 1
            return counter &* 0x9E37_79B9_7F4A_7C15
        }
    }
}

/// One request as the fake transport received it.
struct RecordedRequest: Sendable {
    var method: String
    var url: String
    var headers: [String: String]
    var body: [UInt8]

    var query: [String: String] {
        guard let mark = url.firstIndex(of: "?") else { return [:] }
        return TestEncoding.decodePairs(String(url[url.index(after: mark)...]))
    }

    var form: [String: String] { TestEncoding.decodePairs(String(decoding: body, as: UTF8.self)) }

    /// Query and form merged, as the server sees them.
    var parameters: [String: String] { query.merging(form) { first, _ in first } }

    var action: String { headers["x-acs-action"] ?? query["Action"] ?? "" }
}

/// A transport that answers from a closure and records every request.
final class FakeTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [RecordedRequest] = []
    private let handler: @Sendable (RecordedRequest, Int) throws -> HTTPResponse

    /// `handler` gets the request and its 0-based position among all requests.
    init(_ handler: @escaping @Sendable (RecordedRequest, Int) throws -> HTTPResponse) {
        self.handler = handler
    }

    var requests: [RecordedRequest] { lock.withLock { recorded } }

    func requests(for action: String) -> [RecordedRequest] { requests.filter { $0.action == action } }

    func send(method: String, url: String, headers: [String: String], body: [UInt8], timeout: Double) async throws -> HTTPResponse {
        let request = RecordedRequest(method: method, url: url, headers: headers, body: body)
        let position = lock.withLock {
            recorded.append(request)
            return recorded.count - 1
        }
        return try handler(request, position)
    }
}

enum Fixtures {
    /// A clock whose sleeps return at once and only move its time, from 2024-01-01T00:00:00Z.
    static func clock() -> ManualClock { ManualClock(start: Date(timeIntervalSince1970: 1_704_067_200)) }

    static let credentials = AlibabaCredentials(accessKeyId: "LTAI5tTestKeyId0001", accessKeySecret: "test-secret-value", source: "test")

    static func client(_ transport: FakeTransport, clock: ManualClock = Fixtures.clock(), maxAttempts: Int = 6,
                       overrides: EndpointOverrides = EndpointOverrides(), scheme: RequestSigner.Scheme = .v3) -> AlibabaClient {
        AlibabaClient(credentials: credentials, transport: transport, endpoints: EndpointResolver(overrides: overrides),
                      signer: RequestSigner(scheme: scheme), retryPolicy: BackoffPolicy(maxAttempts: maxAttempts),
                      clock: TunnelformClock(clock), random: FakeRandom())
    }

    static func provider(_ transport: FakeTransport, clock: ManualClock = Fixtures.clock(), accountId: String? = "1234567890123456") -> AlibabaProvider {
        AlibabaProvider(client: client(transport, clock: clock), configuration: AlibabaConfiguration(accountId: accountId))
    }

    static func ok(_ json: String, headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(status: 200, headers: headers, json: json)
    }

    static func tunnel(index: Int, gateway: String, psk: String?, bgp: TunnelBGP? = nil, id: String? = nil) -> TunnelSpec {
        TunnelSpec(id: id, index: index, customerGatewayId: gateway, preSharedKey: psk, ike: IKEConfig(), ipsec: IPsecConfig(),
                   dpd: true, natTraversal: true, bgp: bgp, localAsn: .cloudDefault)
    }

    static func connectionSpec(bgp: Bool = false, tags: [String: String] = [:]) -> ConnectionSpec {
        let bgp1 = bgp ? TunnelBGP(tunnelCidr: IPv4Network("169.254.10.0/30")!, localIp: IPv4Address("169.254.10.1")!) : nil
        let bgp2 = bgp ? TunnelBGP(tunnelCidr: IPv4Network("169.254.11.0/30")!, localIp: IPv4Address("169.254.11.1")!) : nil
        return ConnectionSpec(
            name: "shanghai-dc", gatewayType: .public, localSubnets: [.any], remoteSubnets: [.any], effectImmediately: true,
            enableTunnelsBgp: bgp, tunnelBandwidth: .standard, resourceGroupId: nil, tags: tags,
            tunnels: [tunnel(index: 1, gateway: "cgw-aaa", psk: "s3cr*t!", bgp: bgp1), tunnel(index: 2, gateway: "cgw-bbb", psk: nil, bgp: bgp2)])
    }
}
