import Testing
import TunnelformCore
@testable import TunnelformSimulator

@Suite struct SimulatedCloudIdempotencyTests {
    @Test func sameTokenAndRequestGivesTheSameObject() async throws {
        let fixture = SimulatorFixture()
        let request = CloudRequest.createCustomerGateway(region: fixture.region, fixture.gatewaySpec())
        let first = try await fixture.cloud.execute(request, clientToken: "tok-1")
        let second = try await fixture.cloud.execute(request, clientToken: "tok-1")
        #expect(first.createdId != nil)
        #expect(first == second)
        #expect(await fixture.cloud.inventory(region: fixture.region).customerGateways.count == 1)
        #expect(await fixture.cloud.callCount("CreateCustomerGateway") == 2)
    }

    @Test func sameTokenWithAnotherRequestIsAMismatch() async throws {
        let fixture = SimulatorFixture()
        try await fixture.run(.createCustomerGateway(region: fixture.region, fixture.gatewaySpec()), token: "tok-1")
        let error = await fixture.failure(.createCustomerGateway(region: fixture.region, fixture.gatewaySpec("203.0.113.11")), token: "tok-1")
        #expect(error?.code == "IdempotentParameterMismatch")
        #expect(error?.httpStatus == 400)
        #expect(error?.isRetryable == false)
        #expect(await fixture.cloud.inventory(region: fixture.region).customerGateways.count == 1)
    }

    @Test func tokensAreScopedPerAction() async throws {
        let fixture = SimulatorFixture()
        let gateway = try await fixture.create(.createCustomerGateway(region: fixture.region, fixture.gatewaySpec()), token: "tok-1")
        let connection = try await fixture.create(.createConnection(region: fixture.region, fixture.connectionSpec(gateway: gateway)), token: "tok-1")
        #expect(connection.isId("vco-"))
    }

    @Test func aFailedCallCanBeRetriedWithTheSameToken() async throws {
        let fixture = SimulatorFixture(delays: SimulatedCloud.Delays(connectionAttach: 10))
        let (gateway, connection, _) = try await fixture.attachedConnection()
        let request = CloudRequest.modifyConnection(region: fixture.region, id: connection, fixture.connectionSpec(name: "new", gateway: gateway))
        #expect(await fixture.failure(request, token: "tok-m")?.code == "VpnConnection.Configuring")
        fixture.clock.advance(by: 10)
        try await fixture.run(request, token: "tok-m")
        #expect(try await fixture.connection(connection).name == "new")
    }

    @Test func keysAreHashedIntoTheFingerprint() async throws {
        let fixture = SimulatorFixture()
        let gateway = try await fixture.gateway()
        try await fixture.run(.createConnection(region: fixture.region, fixture.connectionSpec(gateway: gateway, keys: ["a", nil])), token: "tok-c")
        let error = await fixture.failure(.createConnection(region: fixture.region, fixture.connectionSpec(gateway: gateway, keys: ["b", nil])), token: "tok-c")
        #expect(error?.code == "IdempotentParameterMismatch")
    }
}
