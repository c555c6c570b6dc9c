import Foundation
import Testing
import TunnelformAlibaba
import TunnelformCore
import TunnelformEmulator
import TunnelformSimulator

/// Injected faults: throttling and unavailability refuse the call; a drop carries it out and withholds the answer.
@Suite("Emulator: fault injection")
struct EmulatorFaultTests {
    static let create = APICall(.vpc, "CreateCustomerGateway", region: "cn-hangzhou", parameters: [
        "RegionId": "cn-hangzhou", "IpAddress": "203.0.113.5",
    ])

    func emulator(_ faults: FaultSettings) throws -> Emulator {
        try Emulator(configuration: EmulatorConfiguration(faults: faults))
    }

    @Test func throttlingSaysWhenToRetry() async throws {
        let emulator = try emulator(FaultSettings(seed: 1, throttleRate: 1, retryAfterMilliseconds: 150))
        let response = await emulator.handle(try SignedCall.wire(Self.create))
        #expect(response.status == 400)
        #expect(response.headers["x-acs-retry-after"] == "150")
        #expect(try SignedCall.object(response)["Code"] as? String == "Throttling.User")
        #expect(await emulator.cloud.inventory(region: "cn-hangzhou").customerGateways.isEmpty)
        #expect(ErrorResponse.cloudError(status: response.status, headers: response.headers, body: response.body).retryAfter == 0.15)
    }

    @Test func unavailabilityIs503() async throws {
        let emulator = try emulator(FaultSettings(seed: 1, unavailableRate: 1))
        let response = await emulator.handle(try SignedCall.wire(Self.create))
        #expect(response.status == 503)
        #expect(try SignedCall.object(response)["Code"] as? String == "ServiceUnavailable")
        #expect(await emulator.cloud.inventory(region: "cn-hangzhou").customerGateways.isEmpty)
    }

    @Test func aDroppedCallStillHappens() async throws {
        let emulator = try emulator(FaultSettings(seed: 1, dropRate: 1))
        let response = await emulator.handle(try SignedCall.wire(Self.create, clientToken: "tok"))
        #expect(response.dropsConnection)
        #expect(await emulator.cloud.inventory(region: "cn-hangzhou").customerGateways.count == 1)
        let stats = await emulator.statisticsSnapshot()
        #expect(stats == .object([
            "calls": .object(["CreateCustomerGateway": .integer(1)]), "totalCalls": .integer(1), "listCalls": .integer(0),
            "faults": .object(["dropped": .integer(1)]), "rejected": .object([:]),
        ]))
    }

    @Test func ratesAddUpOverManyCalls() async throws {
        let emulator = try emulator(FaultSettings(seed: 42, throttleRate: 0.2, unavailableRate: 0.05, dropRate: 0.03))
        var statuses: [Int: Int] = [:]
        var drops = 0
        for _ in 0..<1000 {
            let response = await emulator.handle(try SignedCall.wire(EmulatorSignatureTests.listGateways))
            statuses[response.status, default: 0] += 1
            if response.dropsConnection { drops += 1 }
        }
        #expect((150...250).contains(statuses[400, default: 0]), "\(statuses)")
        #expect((25...80).contains(statuses[503, default: 0]), "\(statuses)")
        #expect((10...55).contains(drops), "\(drops)")
    }
}
