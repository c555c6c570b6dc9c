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

/// One provider for one test, with the same asynchronous delays on either side.
struct ProviderHarness: Sendable {
    let provider: any CloudProvider
    let emulator: EmulatorProcess?

    /// How long every asynchronous change takes, in seconds: long enough to see it pending even on a
    /// loaded machine, where one HTTP round trip to the emulator can take a few hundred milliseconds.
    static let delay = 1.5

    static func make(_ kind: ProviderKind) async throws -> ProviderHarness {
        switch kind {
        case .simulated:
            return ProviderHarness(provider: SimulatedProvider(cloud: SimulatedCloud(delays: .uniform(delay))), emulator: nil)
        case .alibaba:
            let emulator = try await EmulatorProcess.start(["--delays", String(delay)])
            // One attempt: the suite compares the errors themselves, retryable ones included.
            return ProviderHarness(provider: alibabaProvider(for: emulator, maxAttempts: 1), emulator: emulator)
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
    static func with(_ kind: ProviderKind, _ body: (any CloudProvider) async throws -> Void) async throws {
        let harness = try await make(kind)
        do {
            try await body(harness.provider)
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

/// Waiting and asserting on any provider.
extension CloudProvider {
    /// Polls `status(of:)` until the object settles or is gone; fails after `timeout` seconds.
    func settle(_ object: CloudObjectRef, timeout: Double = 30) async throws -> SettleStatus {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let status = try await status(of: object)
            if case .pending = status {
                guard Date() < deadline else { throw SettleTimeout(object: object) }
                try await Task.sleep(for: .milliseconds(50))
                continue
            }
            return status
        }
    }

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
