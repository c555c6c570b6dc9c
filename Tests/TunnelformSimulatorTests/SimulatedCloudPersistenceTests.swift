import Foundation
import Testing
import TunnelformCore
@testable import TunnelformSimulator

@Suite struct SimulatedCloudPersistenceTests {
    private func temporaryFile() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("tunnelform-sim-\(UUID().uuidString)/.tunnelform/simulated-cloud.json").path
    }

    @Test func aSecondCloudLoadedFromTheFileSeesTheSameObjects() async throws {
        let file = temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().path) }
        let fixture = SimulatorFixture(delays: SimulatedCloud.Delays(connectionModify: 10))
        let (gateway, connection, attachment) = try await fixture.attachedConnection()
        try await fixture.run(.associateDefaultRouteTable(region: fixture.region, attachmentId: attachment))
        try await fixture.run(.modifyConnection(region: fixture.region, id: connection, fixture.connectionSpec(gateway: gateway)), token: "tok-m")
        let before = await fixture.cloud.inventory(region: fixture.region)
        try await fixture.cloud.save(to: file)

        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let loaded = try SimulatedCloud(contentsOf: file, clock: TunnelformClock(fixture.clock), random: SimulatedSeededRandom(seed: 99),
                                        delays: SimulatedCloud.Delays(connectionModify: 10))
        #expect(await loaded.inventory(region: fixture.region) == before)
        #expect(await loaded.serviceLinkedRoleCreationCount == 1)
        #expect(await loaded.regions == [fixture.region])

        // Pending changes resume on the clock, and tokens are remembered.
        fixture.clock.advance(by: 10)
        #expect(await loaded.status(of: .connection(region: fixture.region, id: connection)) == .settled("attached"))
        let replay = try await loaded.execute(.modifyConnection(region: fixture.region, id: connection, fixture.connectionSpec(gateway: gateway)),
                                              clientToken: "tok-m")
        #expect(replay.createdId == nil)
        #expect(await loaded.status(of: .connection(region: fixture.region, id: connection)) == .settled("attached"))
    }

    @Test func aMissingFileIsAnEmptyCloudAndACorruptOneIsAnError() async throws {
        let file = temporaryFile()
        #expect(await (try SimulatedCloud(contentsOf: file)).regions.isEmpty)
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: file).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: SimulatedCloudFileError.self) { _ = try SimulatedCloud(contentsOf: file) }
    }

    @Test func theProviderSavesBeforeExecuteReturns() async throws {
        let file = temporaryFile()
        let clock = ManualClock()
        let provider = try SimulatedProvider(file: file, clock: TunnelformClock(clock), random: SimulatedSeededRandom(seed: 1))
        let fixture = SimulatorFixture()
        let response = try await provider.execute(.createCustomerGateway(region: fixture.region, fixture.gatewaySpec()), idempotencyToken: "tok-1")
        let gateway = try #require(response.createdId)

        // A new process: the gateway is there, and the same token still gives the same id.
        let restarted = try SimulatedProvider(file: file, clock: TunnelformClock(clock), random: SimulatedSeededRandom(seed: 2))
        #expect(try await restarted.observe(region: fixture.region).customerGateway(gateway) != nil)
        let again = try await restarted.execute(.createCustomerGateway(region: fixture.region, fixture.gatewaySpec()), idempotencyToken: "tok-1")
        #expect(again.createdId == gateway)
        #expect(try await restarted.observe(region: fixture.region).customerGateways.count == 1)
    }

    @Test func gatewayAddressesAllocatedByAReadAreSaved() async throws {
        let file = temporaryFile()
        let clock = ManualClock()
        let delays = SimulatedCloud.Delays(connectionAttach: 5)
        let provider = try SimulatedProvider(file: file, clock: TunnelformClock(clock), random: SimulatedSeededRandom(seed: 1), delays: delays)
        let fixture = SimulatorFixture()
        let gateway = try #require(try await provider.execute(.createCustomerGateway(region: fixture.region, fixture.gatewaySpec()), idempotencyToken: "a").createdId)
        let connection = try #require(try await provider.execute(.createConnection(region: fixture.region, fixture.connectionSpec(gateway: gateway)), idempotencyToken: "b").createdId)
        _ = try await provider.execute(.createTransitRouterAttachment(region: fixture.region, connectionId: connection, cenId: SimulatorFixture.cenId, autoPublishRoutes: true), idempotencyToken: "c")
        clock.advance(by: 5)
        #expect(try await provider.status(of: .connection(region: fixture.region, id: connection)) == .settled("attached"))
        let seen = try await provider.observe(region: fixture.region).connection(connection)?.tunnels.map(\.gatewayIp)

        let restarted = try SimulatedProvider(file: file, clock: TunnelformClock(clock), random: SimulatedSeededRandom(seed: 5), delays: delays)
        #expect(try await restarted.observe(region: fixture.region).connection(connection)?.tunnels.map(\.gatewayIp) == seen)
        #expect(seen?.allSatisfy { $0 != nil } == true)
    }

    @Test func theProviderReportsSettleStatus() async throws {
        let fixture = SimulatorFixture()
        let provider = SimulatedProvider(cloud: fixture.cloud)
        let (_, connection, attachment) = try await fixture.attachedConnection()
        #expect(try await provider.status(of: .connection(region: fixture.region, id: connection)) == .settled("attached"))
        #expect(try await provider.status(of: .transitRouterAttachment(region: fixture.region, id: attachment)) == .settled("Attached"))
        #expect(try await provider.status(of: .connection(region: fixture.region, id: "vco-gone")) == .gone)
        #expect(await fixture.cloud.callCount("Status") == 3)
    }
}
