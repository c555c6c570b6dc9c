import Foundation
import Testing
import TunnelformAlibaba
import TunnelformCore

/// The `tunnelform-emulator` executable itself: options, persistence, latency, shutdown.
@Suite("tunnelform-emulator as a process")
struct EmulatorProcessTests {
    @Test func theCloudSurvivesARestartFromItsStateFile() async throws {
        let folder = try Products.temporaryFolder("tf-emulator-state")
        let path = folder.appendingPathComponent("cloud.json").path
        let first = try await EmulatorProcess.start(["--state", path, "--seed", "7"])
        #expect(first.url.hasPrefix("http://127.0.0.1:"))
        let provider = ProviderHarness.alibabaProvider(for: first, scheme: .rpcHMACSHA1)
        let id = try await provider.create(.createCustomerGateway(region: "cn-beijing", ConformanceFixtures.gateway("kept", ip: "203.0.113.77")))
        #expect(await first.stop(signal: SIGINT) == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: path))

        let second = try await EmulatorProcess.start(["--state", path])
        let inventory = try await second.inventory(region: "cn-beijing")
        #expect(inventory.customerGateways.map(\.id) == [id])
        #expect(await second.stop() == 0)
    }

    @Test func latencyIsAddedToEveryCall() async throws {
        let emulator = try await EmulatorProcess.start(["--latency-ms", "300"])
        let provider = ProviderHarness.alibabaProvider(for: emulator)
        let started = Date()
        _ = try await provider.observe(region: "cn-hangzhou")
        // An empty region is 3 list calls (gateways, connections, attachments), each delayed.
        #expect(Date().timeIntervalSince(started) >= 0.9)
        #expect(try await emulator.stats().calls["DescribeCustomerGateways"] == 1)
        #expect(await emulator.stop() == 0)
    }

    @Test func badOptionsAreRefused() async throws {
        for arguments in [["--drop-rate", "2"], ["--delays", "connectionAttach=soon"], ["--throttle-rate", "0.7", "--drop-rate", "0.5"]] {
            let process = Process()
            process.executableURL = Products.executable("tunnelform-emulator")
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus != 0, "\(arguments)")
        }
    }
}
