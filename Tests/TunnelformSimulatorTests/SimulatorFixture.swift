import Foundation
import Testing
import TunnelformCore
@testable import TunnelformSimulator

/// A cloud on a manual clock with a seeded random source, and request builders.
struct SimulatorFixture {
    static let region = "cn-hangzhou"
    static let cenId = "cen-0123456789abcdef"

    let clock = ManualClock()
    let cloud: SimulatedCloud

    init(delays: SimulatedCloud.Delays = .instant, seed: UInt64 = 7) {
        cloud = SimulatedCloud(clock: TunnelformClock(clock), random: SimulatedSeededRandom(seed: seed), delays: delays)
    }

    var region: String { Self.region }

    func gatewaySpec(_ ip: String = "203.0.113.10", asn: UInt32? = 65010, name: String = "edge-1") -> CustomerGatewaySpec {
        CustomerGatewaySpec(name: name, ipAddress: IPv4Address(ip)!, asn: asn.map(ASN.init), authKey: nil, description: nil, tags: [:])
    }

    func tunnelSpec(_ index: Int, gateway: String, key: String? = nil, id: String? = nil, bgp: TunnelBGP? = nil) -> TunnelSpec {
        TunnelSpec(id: id, index: index, customerGatewayId: gateway, preSharedKey: key, ike: IKEConfig(), ipsec: IPsecConfig(),
                   dpd: true, natTraversal: true, bgp: bgp, localAsn: .cloudDefault)
    }

    func connectionSpec(name: String = "dc1", tunnels: [TunnelSpec], bgp: Bool = false) -> ConnectionSpec {
        ConnectionSpec(name: name, gatewayType: .public, localSubnets: [.any], remoteSubnets: [.any], effectImmediately: true,
                       enableTunnelsBgp: bgp, tunnelBandwidth: .standard, resourceGroupId: nil, tags: [:], tunnels: tunnels)
    }

    func connectionSpec(name: String = "dc1", gateway: String, keys: [String?] = [nil, nil]) -> ConnectionSpec {
        connectionSpec(name: name, tunnels: [tunnelSpec(1, gateway: gateway, key: keys[0]), tunnelSpec(2, gateway: gateway, key: keys[1])])
    }

    /// Runs a create request and returns the new id.
    @discardableResult
    func create(_ request: CloudRequest, token: String? = nil) async throws -> String {
        try #require(try await cloud.execute(request, clientToken: token).createdId)
    }

    func run(_ request: CloudRequest, token: String? = nil) async throws {
        _ = try await cloud.execute(request, clientToken: token)
    }

    func gateway(_ ip: String = "203.0.113.10") async throws -> String {
        try await create(.createCustomerGateway(region: region, gatewaySpec(ip)))
    }

    /// A customer gateway and an unbound connection using it for both tunnels.
    func unboundConnection(keys: [String?] = [nil, nil]) async throws -> (gateway: String, connection: String) {
        let gateway = try await gateway()
        let connection = try await create(.createConnection(region: region, connectionSpec(gateway: gateway, keys: keys)))
        return (gateway, connection)
    }

    /// The same, attached to the transit router of `cenId` (with instant delays, settled after one read).
    func attachedConnection() async throws -> (gateway: String, connection: String, attachment: String) {
        let (gateway, connection) = try await unboundConnection()
        let attachment = try await create(.createTransitRouterAttachment(
            region: region, connectionId: connection, cenId: Self.cenId, autoPublishRoutes: true))
        return (gateway, connection, attachment)
    }

    func connection(_ id: String) async throws -> CloudConnection {
        try #require(await cloud.inventory(region: region).connection(id))
    }

    /// The error a call fails with, or nil when it succeeds.
    func failure(_ request: CloudRequest, token: String? = nil) async -> CloudError? {
        await Self.failure { () async throws(CloudError) in _ = try await cloud.execute(request, clientToken: token) }
    }

    static func failure(_ body: () async throws(CloudError) -> Void) async -> CloudError? {
        do throws(CloudError) {
            try await body()
            return nil
        } catch {
            return error
        }
    }
}

extension String {
    /// True when the text is `prefix` followed by `count` lowercase letters and digits.
    func isId(_ prefix: String, count: Int = 20) -> Bool {
        hasPrefix(prefix) && dropFirst(prefix.count).count == count
            && dropFirst(prefix.count).allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
    }
}
