import ArgumentParser
import Foundation
import TunnelformEmulator
import TunnelformSimulator

/// `tunnelform-emulator`: the simulated cloud behind Alibaba Cloud's OpenAPI on a loopback port.
@main
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tunnelform-emulator",
        abstract: "Serve the simulated cloud over Alibaba Cloud's OpenAPI wire protocol on 127.0.0.1.",
        discussion: """
            Prints `tunnelform-emulator listening on http://127.0.0.1:PORT` as its first line, then serves VPC
            (2016-04-28) and CBN (2017-09-12) calls signed with V3 or HMAC-SHA1 until SIGTERM or SIGINT.
            The AccessKey secret comes from --access-key-secret, else TUNNELFORM_EMULATOR_ACCESS_KEY_SECRET,
            else the built-in test secret. GET /_emulator/stats and /_emulator/inventory?region=R show
            what happened.

            Example:
              tunnelform-emulator --port 8080
              ALIBABA_CLOUD_ENDPOINT_VPC=http://127.0.0.1:8080 ALIBABA_CLOUD_ENDPOINT_CBN=http://127.0.0.1:8080 tunnelform plan
              tunnelform-emulator --throttle-rate 0.2 --unavailable-rate 0.05 --drop-rate 0.03 --seed 42
            """
    )

    static let secretVariable = "TUNNELFORM_EMULATOR_ACCESS_KEY_SECRET"

    @Option(help: "The port on 127.0.0.1; 0 lets the system choose.") var port = 0
    @Option(help: "Save the cloud to FILE after every change, and start from it.") var state: String?
    @Option(name: .customLong("latency-ms"), help: "Added to every API call, in milliseconds.") var latencyMs = 0
    @Option(help: "Durations of asynchronous changes in seconds: `3`, or `all=1,connectionAttach=5`.") var delays: String?
    @Flag(help: "Move the cloud's time only on POST /_emulator/clock?advance=SECONDS (for tests).") var manualClock = false
    @Option(help: "Seed for fault injection and ids.") var seed: UInt64?
    @Option(help: "Share of calls answered Throttling.User (400, x-acs-retry-after).") var throttleRate = 0.0
    @Option(help: "Share of calls answered ServiceUnavailable (503).") var unavailableRate = 0.0
    @Option(help: "Share of calls carried out whose connection is then closed without an answer.") var dropRate = 0.0
    @Option(name: .customLong("retry-after-ms"), help: "x-acs-retry-after sent with throttling, in milliseconds.") var retryAfterMs = 200
    @Option(help: "The accepted AccessKey id.") var accessKeyId = EmulatorConfiguration.defaultAccessKeyId
    @Option(help: "Its secret (prefer the environment variable: arguments are visible to other users).") var accessKeySecret: String?
    @Option(help: "The account id (UID) that owns the emulated cloud.") var accountId = EmulatorConfiguration.defaultAccountId
    @Flag(help: "Keep every verified request for GET /_emulator/requests (keys included; for tests).") var recordRequests = false

    func validate() throws {
        for (name, rate) in [("throttle-rate", throttleRate), ("unavailable-rate", unavailableRate), ("drop-rate", dropRate)]
        where !(0...1).contains(rate) {
            throw ValidationError("--\(name) must be between 0 and 1")
        }
        guard throttleRate + unavailableRate + dropRate <= 1 else { throw ValidationError("the fault rates add up to more than 1") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard latencyMs >= 0, retryAfterMs >= 0 else { throw ValidationError("--latency-ms and --retry-after-ms must not be negative") }
        if let delays, SimulatedCloud.Delays(parsing: delays) == nil {
            throw ValidationError("--delays \(delays) is not seconds or name=seconds pairs (names: all, \(SimulatedCloud.Delays.names.joined(separator: ", ")))")
        }
    }

    func run() async throws {
        let secret = accessKeySecret ?? ProcessInfo.processInfo.environment[Self.secretVariable].flatMap { $0.isEmpty ? nil : $0 }
            ?? EmulatorConfiguration.defaultAccessKeySecret
        let configuration = EmulatorConfiguration(
            port: port, accessKeys: [accessKeyId: secret], accountId: accountId, statePath: state, latency: Double(latencyMs) / 1000,
            delays: delays.flatMap(SimulatedCloud.Delays.init(parsing:)) ?? .instant, manualClock: manualClock,
            faults: FaultSettings(seed: seed, throttleRate: throttleRate, unavailableRate: unavailableRate, dropRate: dropRate,
                                  retryAfterMilliseconds: retryAfterMs),
            recordsRequests: recordRequests)
        let emulator: Emulator
        do {
            emulator = try Emulator(configuration: configuration)
        } catch {
            FileHandle.standardError.write(Data("tunnelform-emulator: \(error)\n".utf8))
            throw ExitCode.failure
        }
        try await EmulatorServer(emulator: emulator).run { url in
            // Unbuffered, so a parent reading the pipe sees the line at once.
            FileHandle.standardOutput.write(Data("tunnelform-emulator listening on \(url)\n".utf8))
        }
    }
}
