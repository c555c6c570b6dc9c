import Foundation
import TunnelformCore
import TunnelformSimulator

/// The example manifests in a temporary folder, reconciled in this process against an in-memory
/// simulated cloud: the `Reconciler` the commands use, with the project's paths spelled out instead
/// of taken from the current directory.
struct InProcessProject {
    let folder: URL
    let cloud = SimulatedCloud()

    init() throws {
        folder = try BinaryRunner.temporaryFolder()
        try BinaryRunner.copyExamples(to: folder)
    }

    var statePath: String { folder.appendingPathComponent("tunnelform.state.json").path }
    var manifestsPath: String { folder.appendingPathComponent("manifests").path }
    var cachePath: String { folder.appendingPathComponent(".tunnelform/secret-cache.json").path }

    var config: ProjectConfig {
        var config = ProjectConfig()
        config.manifests = manifestsPath
        config.state = statePath
        return config
    }

    func reconciler(_ observer: any ReconcileObserver = SilentObserver()) -> Reconciler {
        let cloud = cloud
        let cachePath = cachePath
        return Reconciler(config: config, backend: LocalStateBackend(path: statePath),
                          makeProvider: { _ in ProviderHandle(provider: SimulatedProvider(cloud: cloud, file: nil), name: "simulated cloud (memory)") },
                          loadSecretCache: { SecretVerificationCache.load(path: cachePath) }, observer: observer)
    }

    /// Applies the manifests as they are, without asking.
    @discardableResult
    func apply(_ mode: PlanRequest.Mode = .converge) async throws -> ApplyOutcome {
        try await reconciler().apply(ApplyRequest(plan: PlanRequest(mode: mode), confirm: false))
    }

    func edit(_ file: String, _ old: String, _ new: String) throws {
        let url = folder.appendingPathComponent("manifests").appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let range = text.range(of: old) else { throw CocoaError(.fileReadUnknown) }
        try text.replacingCharacters(in: range, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    /// `text` with the project folder's path replaced, so goldens do not depend on where it was made.
    func normalized(_ text: String) -> String {
        Golden.normalize(text.replacingOccurrences(of: folder.path, with: "<project>"))
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// Everything a `Reconciler` reported, in order, as short lines.
final class RecordingObserver: ReconcileObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []
    var answer: Approval

    init(answer: Approval = .approved) { self.answer = answer }

    var events: [String] { lock.withLock { recorded } }

    private func record(_ line: String) { lock.withLock { recorded.append(line) } }

    func diagnosed(_ diagnostics: [Diagnostic]) { for diagnostic in diagnostics { record("diagnostic \(diagnostic.severity)") } }
    func tookOverLock(from holder: StateLock.Holder) { record("took over \(holder.holder)") }
    func locked(_ lease: any StateLease) { record("locked \(lease.holder.holder)") }
    func refreshing(region: String) { record("refreshing \(region)") }
    func planned(_ plan: Plan) { record("planned \(plan.operations.count)") }
    func approve(_ plan: Plan, destroying: Bool) async -> Approval {
        record(destroying ? "asked to destroy" : "asked to apply")
        return answer
    }
    func applying(_ interrupt: ApplyInterrupt) { record("applying") }
    func applyEvent(_ event: ApplyEvent) {
        if case .completed(let operation, _) = event { record("completed \(operation.action.rawValue) \(operation.address)") }
    }
}
