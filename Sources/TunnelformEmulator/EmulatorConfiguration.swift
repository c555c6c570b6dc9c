import Foundation
import TunnelformSimulator

/// How a `tunnelform-emulator` behaves: where it listens, whom it lets in, how slow and how faulty it is.
public struct EmulatorConfiguration: Sendable {
    /// The AccessKey id accepted when no other is configured.
    public static let defaultAccessKeyId = "tf-emulator"
    /// The secret of the default AccessKey when none is given; fine for loopback tests only.
    public static let defaultAccessKeySecret = "tf-emulator-secret"
    /// The account (UID) that owns everything in the emulated cloud.
    public static let defaultAccountId = "1234567890123456"

    /// Always a loopback address: the emulator accepts plain HTTP.
    public var host: String
    /// 0 lets the system choose a free port.
    public var port: Int
    /// AccessKey id → secret; any other id gets `InvalidAccessKeyId.NotFound`.
    public var accessKeys: [String: String]
    public var accountId: String
    /// Where the cloud is saved after every call that changed it; nil keeps it in memory.
    public var statePath: String?
    /// Added to every API call before it is answered, in seconds.
    public var latency: Double
    public var delays: SimulatedCloud.Delays
    /// The cloud's time moves only when `POST /_emulator/clock?advance=SECONDS` says so, so tests see
    /// transient states however slow the machine; signatures are still checked against the wall clock.
    public var manualClock: Bool
    public var faults: FaultSettings
    /// How far `x-acs-date` (V3) may be from the emulator's clock, in seconds: 15 minutes per the V3 doc.
    public var v3TimestampWindow: Double
    /// How far `Timestamp` (RPC HMAC-SHA1) may be from the emulator's clock: 31 minutes per the RPC doc.
    public var rpcTimestampWindow: Double
    /// Keep every verified request (action, scheme, query and form parameters) for `GET /_emulator/requests`,
    /// so tests can compare what a client sent with what the official SDK builds. Off by default: the log
    /// holds the keys the requests carried.
    public var recordsRequests: Bool

    public init(
        host: String = "127.0.0.1", port: Int = 0,
        accessKeys: [String: String] = [EmulatorConfiguration.defaultAccessKeyId: EmulatorConfiguration.defaultAccessKeySecret],
        accountId: String = EmulatorConfiguration.defaultAccountId, statePath: String? = nil, latency: Double = 0,
        delays: SimulatedCloud.Delays = .instant, manualClock: Bool = false, faults: FaultSettings = FaultSettings(),
        v3TimestampWindow: Double = 15 * 60, rpcTimestampWindow: Double = 31 * 60, recordsRequests: Bool = false
    ) {
        self.host = host
        self.port = port
        self.accessKeys = accessKeys
        self.accountId = accountId
        self.statePath = statePath
        self.latency = latency
        self.delays = delays
        self.manualClock = manualClock
        self.faults = faults
        self.v3TimestampWindow = v3TimestampWindow
        self.rpcTimestampWindow = rpcTimestampWindow
        self.recordsRequests = recordsRequests
    }
}

/// Injected failures, each a probability per API call, drawn from a seeded generator.
public struct FaultSettings: Sendable, Equatable {
    /// Seeds the generator; nil draws a seed from the system.
    public var seed: UInt64?
    /// `Throttling.User` (HTTP 400) with `x-acs-retry-after`, before the call is carried out.
    public var throttleRate: Double
    /// `ServiceUnavailable` (HTTP 503), before the call is carried out.
    public var unavailableRate: Double
    /// The call is carried out, then the connection is closed without a response.
    public var dropRate: Double
    /// The `x-acs-retry-after` value sent with throttling, in milliseconds.
    public var retryAfterMilliseconds: Int

    public init(seed: UInt64? = nil, throttleRate: Double = 0, unavailableRate: Double = 0, dropRate: Double = 0,
                retryAfterMilliseconds: Int = 200) {
        self.seed = seed
        self.throttleRate = throttleRate
        self.unavailableRate = unavailableRate
        self.dropRate = dropRate
        self.retryAfterMilliseconds = retryAfterMilliseconds
    }

    /// Whether any fault can happen at all.
    public var isActive: Bool { throttleRate > 0 || unavailableRate > 0 || dropRate > 0 }
}
