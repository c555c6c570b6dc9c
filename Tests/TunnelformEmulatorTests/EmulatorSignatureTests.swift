import Foundation
import Testing
import TunnelformAlibaba
import TunnelformEmulator

/// Requests signed by the provider's `RequestSigner` pass the emulator's own, independent verifier under
/// both schemes, and failures get the service's codes, statuses and error body.
@Suite("Emulator: request signatures")
struct EmulatorSignatureTests {
    static let listGateways = APICall(.vpc, "DescribeCustomerGateways", region: "cn-hangzhou", parameters: ["RegionId": "cn-hangzhou"])

    func emulator() throws -> Emulator { try Emulator(configuration: EmulatorConfiguration()) }

    @Test(arguments: RequestSigner.Scheme.allCases)
    func correctlySignedCallsAreServed(_ scheme: RequestSigner.Scheme) async throws {
        let emulator = try emulator()
        let create = APICall(.vpc, "CreateCustomerGateway", region: "cn-hangzhou", parameters: [
            "RegionId": "cn-hangzhou", "IpAddress": "203.0.113.7", "Name": "edge with spaces *!", "Tags": WireValue.tags(["k": "v w"]),
        ])
        let response = await emulator.handle(try SignedCall.wire(create, scheme: scheme, clientToken: "tok-1"))
        let body = try SignedCall.object(response)
        #expect(response.status == 200, "\(body)")
        #expect((body["CustomerGatewayId"] as? String)?.hasPrefix("cgw-") == true)
        #expect(body["Name"] as? String == "edge with spaces *!")
        #expect(response.headers["x-acs-request-id"] == body["RequestId"] as? String)
        let list = await emulator.handle(try SignedCall.wire(Self.listGateways, scheme: scheme))
        let gateways = try SignedCall.object(list)["CustomerGateways"] as? [String: Any]
        let items = gateways?["CustomerGateway"] as? [[String: Any]]
        #expect(items?.count == 1)
        let tags = (items?.first?["Tags"] as? [String: Any])?["Tag"] as? [[String: Any]]
        #expect(tags?.first?["Value"] as? String == "v w")
    }

    @Test(arguments: RequestSigner.Scheme.allCases)
    func aWrongSecretDoesNotMatch(_ scheme: RequestSigner.Scheme) async throws {
        let response = try await emulator().handle(try SignedCall.wire(Self.listGateways, scheme: scheme, secret: "not-the-secret"))
        let body = try SignedCall.object(response)
        #expect(response.status == 400)
        #expect(body["Code"] as? String == "SignatureDoesNotMatch")
        #expect((body["Message"] as? String)?.contains("server string to sign is:") == true)
        #expect(Set(body.keys) == ["RequestId", "HostId", "Code", "Message", "Recommend"])
        #expect(body["HostId"] as? String == SignedCall.host)
        #expect((body["Recommend"] as? String)?.contains("q=SignatureDoesNotMatch") == true)
        #expect(response.headers["x-acs-request-id"] == body["RequestId"] as? String)
    }

    @Test(arguments: RequestSigner.Scheme.allCases)
    func anUnknownAccessKeyIsNotFound(_ scheme: RequestSigner.Scheme) async throws {
        let response = try await emulator().handle(try SignedCall.wire(Self.listGateways, scheme: scheme, accessKeyId: "LTAI-unknown"))
        #expect(response.status == 404)
        #expect(try SignedCall.object(response)["Code"] as? String == "InvalidAccessKeyId.NotFound")
    }

    @Test(arguments: RequestSigner.Scheme.allCases)
    func aReusedNonceIsRefused(_ scheme: RequestSigner.Scheme) async throws {
        let emulator = try emulator()
        let request = try SignedCall.wire(Self.listGateways, scheme: scheme, nonce: "the-same-nonce")
        #expect(await emulator.handle(request).status == 200)
        let replay = await emulator.handle(request)
        #expect(replay.status == 400)
        #expect(try SignedCall.object(replay)["Code"] as? String == "SignatureNonceUsed")
    }

    @Test func clockSkewBeyondTheWindowIsExpired() async throws {
        let emulator = try emulator()
        let now = Date()
        let v3Late = await emulator.handle(try SignedCall.wire(Self.listGateways, scheme: .v3, date: now.addingTimeInterval(-16 * 60)))
        #expect(v3Late.status == 400)
        #expect(try SignedCall.object(v3Late)["Code"] as? String == "InvalidTimeStamp.Expired")
        let v3Early = await emulator.handle(try SignedCall.wire(Self.listGateways, scheme: .v3, date: now.addingTimeInterval(16 * 60)))
        #expect(try SignedCall.object(v3Early)["Code"] as? String == "InvalidTimeStamp.Expired")
        // The RPC scheme's documented window is 31 minutes.
        let rpcLate = await emulator.handle(try SignedCall.wire(Self.listGateways, scheme: .rpcHMACSHA1, date: now.addingTimeInterval(-20 * 60)))
        #expect(rpcLate.status == 200)
        let rpcTooLate = await emulator.handle(try SignedCall.wire(Self.listGateways, scheme: .rpcHMACSHA1, date: now.addingTimeInterval(-32 * 60)))
        #expect(try SignedCall.object(rpcTooLate)["Code"] as? String == "InvalidTimeStamp.Expired")
    }

    @Test func aTamperedBodyDoesNotMatch() async throws {
        let create = APICall(.vpc, "CreateVpnAttachment", region: "cn-hangzhou", parameters: [
            "RegionId": "cn-hangzhou", "LocalSubnet": "0.0.0.0/0", "RemoteSubnet": "0.0.0.0/0",
            "TunnelOptionsSpecification": .list([.object(["TunnelIndex": 1, "CustomerGatewayId": "cgw-a"])]),
        ])
        for scheme in RequestSigner.Scheme.allCases {
            var request = try SignedCall.wire(create, scheme: scheme)
            let tampered = try #require(WireRequest(
                method: request.method, host: request.host, path: request.path, headers: request.headers, rawQuery: request.rawQuery,
                body: Array(String(decoding: request.body, as: UTF8.self).replacingOccurrences(of: "cgw-a", with: "cgw-b").utf8)))
            request = tampered
            let response = try await emulator().handle(request)
            #expect(response.status == 400)
            #expect(try SignedCall.object(response)["Code"] as? String == "SignatureDoesNotMatch", "\(scheme)")
        }
    }

    @Test func unknownActionsAndVersionsAreRefused() async throws {
        let emulator = try emulator()
        let action = await emulator.handle(try SignedCall.wire(APICall(.vpc, "DescribeVpcs", region: "cn-hangzhou")))
        #expect(action.status == 404)
        #expect(try SignedCall.object(action)["Code"] as? String == "InvalidAction.NotFound")
        let version = await emulator.handle(try SignedCall.wire(Self.listGateways, version: "2099-01-01"))
        #expect(version.status == 400)
        #expect(try SignedCall.object(version)["Code"] as? String == "InvalidVersion")
        let unsigned = try #require(WireRequest(method: "POST", host: SignedCall.host, path: "/", headers: [],
                                                rawQuery: "Action=DescribeCustomerGateways&Version=2016-04-28&RegionId=cn-hangzhou", body: []))
        #expect(try SignedCall.object(await emulator.handle(unsigned))["Code"] as? String == "IncompleteSignature")
    }
}
