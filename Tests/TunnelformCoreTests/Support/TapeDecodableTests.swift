import Foundation
import Testing
@testable import TunnelformCore

/// The state's types read themselves off the tape (`TapeDecodable`) instead of going through
/// `Decodable`: for every shape the state can hold they must give what `JSONDecoder` gives, and
/// refuse what it refuses, naming where.
@Suite("Tape-decodable state")
struct TapeDecodableTests {
    /// Every optional set, both bindings, every secret reference kind, a deposed object of each
    /// kind and an operation in flight: every key a conformance reads appears at least once.
    static var fullState: State {
        let digest = try! SecretDigest(of: "not-a-real-key", salt: Array(repeating: 7, count: 16), iterations: 1)
        let gateway = CustomerGateway(name: "edge", region: "cn-hangzhou", ipAddress: IPv4Address("203.0.113.9")!, asn: ASN(65010),
                                      bgpAuthKey: .env("EDGE_BGP"), description: "Edge \"one\"", tags: ["team": "net", "site": "hz"])
        let ike = IKEConfig(version: .ikev1, mode: .aggressive, encryption: .aes256, authentication: .sha256, dhGroup: .group14,
                            lifetime: 28800, localId: "cloud.example", remoteId: "edge.example")
        let tunnels = [
            Tunnel(customerGateway: "edge", preSharedKey: .file(path: "keys/t1.psk", base: "manifests"), ike: ike,
                   ipsec: IPsecConfig(encryption: .tripleDES, authentication: .md5, dhGroup: .disabled, lifetime: 3600),
                   dpd: false, natTraversal: false,
                   bgp: TunnelBGP(tunnelCidr: IPv4Network("169.254.10.0/30")!, localIp: IPv4Address("169.254.10.1")!)),
            Tunnel(customerGateway: "edge", preSharedKey: .literal("")),
        ]
        let connection = VpnConnection(
            name: "dc1", region: "cn-hangzhou", resourceGroup: "rg-1", gatewayType: .private,
            bind: .crossAccount(cenId: "cen-9", cenOwnerUid: "1234567890", payer: .resourceOwner), routingMode: .protectedDataFlows,
            localNetworks: [IPv4Network("10.0.0.0/16")!], remoteNetworks: [IPv4Network("192.168.0.0/24")!, IPv4Network("192.168.1.0/24")!],
            effectImmediately: false, tunnelBandwidth: .large, tags: ["env": "prod"],
            bgp: ConnectionBGP(enabled: true, localAsn: ASN(65100)), routes: RouteOptions(advertise: false), tunnels: tunnels)
        let record = ConnectionRecord(
            id: "vco-1", applied: connection,
            tunnels: [TunnelRecord(index: 1, id: "tun-1", gatewayIp: IPv4Address("198.18.0.1")!, customerGatewayId: "cgw-1", preSharedKeyDigest: digest),
                      TunnelRecord(index: 2, id: "tun-2", gatewayIp: nil, customerGatewayId: "cgw-1", preSharedKeyDigest: nil)],
            attachment: AttachmentRecord(id: "tr-attach-1", cenId: "cen-9", autoPublishRoutes: true), associated: true, propagating: true,
            grant: GrantRecord(cenId: "cen-9", cenOwnerUid: "1234567890", payer: .resourceOwner))
        var plain = connection
        plain.name = "dc2"
        plain.bind = .currentAccount(cenId: "cen-1")

        var state = State(lineage: "0f8c4d1e-0000-4000-8000-000000000000")
        state.serial = 41
        state[gateway.address] = ResourceState(region: "cn-hangzhou", customerGateway: CustomerGatewayRecord(id: "cgw-1", applied: gateway, authKeyDigest: digest),
                                               deposed: [.customerGateway(id: "cgw-0")])
        state[connection.address] = ResourceState(region: "cn-hangzhou", connection: record,
                                                  deposed: [.connection(ConnectionRecord(id: "vco-0", applied: plain, tunnels: []))])
        state[plain.address] = ResourceState(region: "cn-hangzhou", connection: ConnectionRecord(id: "vco-2", applied: plain, tunnels: []))
        state.pendingOperations = [PendingOperation(operationId: "op-1", address: connection.address, token: "tf-1",
                                                    startedAt: Date(timeIntervalSince1970: 1_780_000_000))]
        return state
    }

    private func foundationDecode(_ data: Data) throws -> State {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(State.self, from: data)
    }

    @Test func readsEveryKeyTheStateWrites() throws {
        let state = Self.fullState
        let data = try CanonicalJSON.encode(state)
        let viaTape = try CanonicalJSON.decode(State.self, from: data)
        #expect(viaTape == (try foundationDecode(data)))
        #expect(viaTape == state)
        #expect(try CanonicalJSON.encode(viaTape) == data)
    }

    /// The fast path is taken for nested values too when a `Decodable` type holds them.
    @Test func conformingValuesInsideDecodableOnesTakeTheSamePath() throws {
        struct Wrapper: Codable, Equatable { var states: [State]; var note: String }
        let wrapper = Wrapper(states: [Self.fullState, State()], note: "two")
        let data = try CanonicalJSON.encode(wrapper)
        #expect(try CanonicalJSON.decode(Wrapper.self, from: data) == wrapper)
    }

    private func decodeError(_ edit: (inout [String: Any]) -> Void) throws -> DecodingError? {
        var object = try JSONSerialization.jsonObject(with: CanonicalJSON.encode(Self.fullState)) as! [String: Any]
        edit(&object)
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try foundationDecode(data) }
        do {
            _ = try CanonicalJSON.decode(State.self, from: data)
            return nil
        } catch let error as DecodingError {
            return error
        }
    }

    private static func editConnection(_ object: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        var resources = object["resources"] as! [String: Any]
        var resource = resources["VpnConnection/dc1"] as! [String: Any]
        var connection = resource["connection"] as! [String: Any]
        edit(&connection)
        resource["connection"] = connection
        resources["VpnConnection/dc1"] = resource
        object["resources"] = resources
    }

    @Test func aMissingKeyIsNamedWithItsPath() throws {
        let error = try decodeError { Self.editConnection(&$0) { $0["id"] = nil } }
        guard case .keyNotFound(let key, let context)? = error else { Issue.record("expected keyNotFound, got \(String(describing: error))"); return }
        #expect(key.stringValue == "id")
        #expect(context.codingPath.map(\.stringValue) == ["resources", "VpnConnection/dc1", "connection"])
    }

    @Test func wrongValuesAreRefusedWithTheirPath() throws {
        let badEnum = try decodeError { Self.editConnection(&$0) { connection in
            var applied = connection["applied"] as! [String: Any]
            applied["gatewayType"] = "satellite"
            connection["applied"] = applied
        } }
        guard case .dataCorrupted(let context)? = badEnum else { Issue.record("expected dataCorrupted, got \(String(describing: badEnum))"); return }
        #expect(context.codingPath.map(\.stringValue) == ["resources", "VpnConnection/dc1", "connection", "applied", "gatewayType"])

        let badAddress = try decodeError { Self.editConnection(&$0) { connection in
            var tunnels = connection["tunnels"] as! [[String: Any]]
            tunnels[0]["gatewayIp"] = "198.18.0.300"
            connection["tunnels"] = tunnels
        } }
        guard case .dataCorrupted(let address)? = badAddress else { Issue.record("expected dataCorrupted, got \(String(describing: badAddress))"); return }
        #expect(address.debugDescription.contains("198.18.0.300"))
        #expect(address.codingPath.map(\.stringValue) == ["resources", "VpnConnection/dc1", "connection", "tunnels", "Index 0", "gatewayIp"])

        let wrongType = try decodeError { Self.editConnection(&$0) { $0["associated"] = "yes" } }
        guard case .typeMismatch? = wrongType else { Issue.record("expected typeMismatch, got \(String(describing: wrongType))"); return }

        let twoBindings = try decodeError { Self.editConnection(&$0) { connection in
            var applied = connection["applied"] as! [String: Any]
            applied["bind"] = ["currentAccount": ["cenId": "cen-1"], "crossAccount": ["cenId": "cen-2", "cenOwnerUid": "1", "payer": "cenOwner"]]
            connection["applied"] = applied
        } }
        #expect(twoBindings != nil)

        let nullRequired = try decodeError { $0["serial"] = NSNull() }
        #expect(nullRequired != nil)
    }

    @Test func absentAndNullOptionalsAreNil() throws {
        var object = try JSONSerialization.jsonObject(with: CanonicalJSON.encode(Self.fullState)) as! [String: Any]
        Self.editConnection(&object) { connection in
            connection["grant"] = NSNull()
            connection["attachment"] = nil
        }
        let data = try JSONSerialization.data(withJSONObject: object)
        let state = try CanonicalJSON.decode(State.self, from: data)
        #expect(state == (try foundationDecode(data)))
        #expect(state[ResourceAddress(.vpnConnection, "dc1")]?.connection?.grant == nil)
        #expect(state[ResourceAddress(.vpnConnection, "dc1")]?.connection?.attachment == nil)
    }
}
