import Foundation
import Testing
import TunnelformAlibaba
import TunnelformCore
import TunnelformSimulator

/// The two implementations of `CloudProvider` the conformance suite runs against.
enum ProviderKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// `SimulatedProvider` in process.
    case simulated
    /// `AlibabaProvider` over HTTP to a `tunnelform-emulator` process.
    case alibaba

    var testDescription: String { rawValue }
}

/// One provider for one test, over a cloud whose clock moves only when the test settles something,
/// so transient states (`Attaching`, `updating`, …) are seen however slow the machine is.
struct ProviderHarness: Sendable {
    let cloud: ConformanceCloud
    let emulator: EmulatorProcess?

    /// How long every asynchronous change takes on the cloud's clock, in seconds.
    static let delay = 5.0

    static func make(_ kind: ProviderKind) async throws -> ProviderHarness {
        switch kind {
        case .simulated:
            let clock = ManualClock()
            let provider = SimulatedProvider(cloud: SimulatedCloud(clock: TunnelformClock(clock), delays: .uniform(delay)))
            return ProviderHarness(cloud: ConformanceCloud(provider: provider) { clock.advance(by: $0) }, emulator: nil)
        case .alibaba:
            let emulator = try await EmulatorProcess.start(["--delays", String(delay), "--manual-clock"])
            // One attempt: the suite compares the errors themselves, retryable ones included.
            let provider = alibabaProvider(for: emulator, maxAttempts: 1)
            return ProviderHarness(cloud: ConformanceCloud(provider: provider) { try await emulator.advanceClock(by: $0) }, emulator: emulator)
        }
    }

    /// `AlibabaProvider` as the CLI builds it, pointed at `emulator` over loopback HTTP.
    static func alibabaProvider(for emulator: EmulatorProcess, maxAttempts: Int = 6,
                                scheme: RequestSigner.Scheme = .v3) -> AlibabaProvider {
        let client = AlibabaClient(
            credentials: AlibabaCredentials(accessKeyId: EmulatorProcess.accessKeyId, accessKeySecret: emulator.secret),
            transport: Products.transport,
            endpoints: EndpointResolver(overrides: EndpointOverrides(vpc: emulator.url, cbn: emulator.url)),
            signer: RequestSigner(scheme: scheme), retryPolicy: BackoffPolicy(maxAttempts: maxAttempts), requestsPerSecond: 1000,
            requestTimeout: 20)
        return AlibabaProvider(client: client, configuration: AlibabaConfiguration(accountId: EmulatorProcess.accountId))
    }

    /// Runs `body` with a fresh provider of `kind`, then stops its emulator whatever happened.
    static func with(_ kind: ProviderKind, _ body: (ConformanceCloud) async throws -> Void) async throws {
        let harness = try await make(kind)
        do {
            try await body(harness.cloud)
        } catch {
            await harness.emulator?.stop()
            throw error
        }
        if let emulator = harness.emulator {
            let status = await emulator.stop()
            #expect(status == 0, "the emulator did not stop cleanly on SIGTERM: \(emulator.stderr)")
        }
    }
}

/// A provider under test and the hand on its cloud's clock.
struct ConformanceCloud: CloudProvider {
    let provider: any CloudProvider
    let advance: @Sendable (Double) async throws -> Void

    init(provider: any CloudProvider, advance: @escaping @Sendable (Double) async throws -> Void) {
        self.provider = provider
        self.advance = advance
    }

    func observe(region: String) async throws(CloudError) -> CloudInventory { try await provider.observe(region: region) }

    func execute(_ request: CloudRequest, idempotencyToken: String) async throws(CloudError) -> CloudResponse {
        try await provider.execute(request, idempotencyToken: idempotencyToken)
    }

    func status(of object: CloudObjectRef) async throws(CloudError) -> SettleStatus { try await provider.status(of: object) }

    func connection(region: String, id: String) async throws(CloudError) -> CloudConnection? {
        try await provider.connection(region: region, id: id)
    }

    /// Lets the cloud's time pass until the object settles or is gone; fails after ten delays.
    func settle(_ object: CloudObjectRef) async throws -> SettleStatus {
        for _ in 0..<10 {
            let status = try await status(of: object)
            guard status.isPending else { return status }
            try await advance(ProviderHarness.delay)
        }
        throw SettleTimeout(object: object)
    }
}

/// Waiting and asserting on any provider.
extension CloudProvider {
    /// `execute` that must fail; returns the error (nil, recorded as an issue, when it succeeded).
    func failure(of request: CloudRequest, token: String = "tf-" + UUID().uuidString,
                 sourceLocation: Testing.SourceLocation = #_sourceLocation) async -> CloudError? {
        do {
            let response = try await execute(request, idempotencyToken: token)
            Issue.record("\(request.action) succeeded (\(response.createdId ?? "no id")) but was expected to fail", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// `execute` that must create something; returns its id.
    func create(_ request: CloudRequest, token: String = "tf-" + UUID().uuidString) async throws -> String {
        let response = try await execute(request, idempotencyToken: token)
        guard let id = response.createdId else { throw MissingId(action: request.action) }
        return id
    }
}

extension SettleStatus {
    var isPending: Bool {
        if case .pending = self { return true }
        return false
    }
}

struct SettleTimeout: Error, CustomStringConvertible {
    var object: CloudObjectRef
    var description: String { "\(object) did not settle" }
}

struct MissingId: Error, CustomStringConvertible {
    var action: String
    var description: String { "\(action) returned no id" }
}
