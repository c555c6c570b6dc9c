import Foundation
import TunnelformCore

extension SimulatedCloud {
    /// Where the CLI keeps the simulated cloud, relative to the project root (git-ignored: it holds keys).
    public static let defaultFile = ".tunnelform/simulated-cloud.json"

    /// Loads the cloud saved at `path`; an empty cloud when there is no file yet.
    public init(
        contentsOf path: String, clock: TunnelformClock = .system,
        random: any SimulatedRandom = SimulatedSystemRandom(), delays: Delays = .instant
    ) throws(SimulatedCloudFileError) {
        self.init(snapshot: try Self.readSnapshot(path), clock: clock, random: random, delays: delays)
    }

    /// Writes the whole cloud to `path` atomically, in canonical JSON (so the file diffs well).
    public func save(to path: String) throws(SimulatedCloudFileError) {
        try Self.write(try encoded(for: path), to: path)
        savedRevision = revision
    }

    /// Saves only when something changed since the last save, lazily applied transitions included
    /// (they allocate gateway IPs, which must not change from one process to the next).
    public func saveIfChanged(to path: String) throws(SimulatedCloudFileError) {
        guard revision != savedRevision else { return }
        try save(to: path)
    }

    /// Returns once every change made so far is on disk at `path`. The cloud is encoded on the actor
    /// and written off it; calls that change the cloud meanwhile wait for the save after, which covers
    /// them all (group commit: with ten calls in flight, one rewrite of the file instead of ten).
    /// Failures are 500s, so retryable; a retry with the same token is safe.
    func persist(to path: String?) async throws(CloudError) {
        guard let path else { return }
        let needed = revision
        while savedRevision < needed {
            if let pendingSave {
                _ = await pendingSave.result
                if self.pendingSave == pendingSave { self.pendingSave = nil }
                continue
            }
            let target = revision
            let task: Task<Void, any Error>
            do {
                let data = try encoded(for: path)
                task = Task.detached { try Self.write(data, to: path) }
            } catch {
                throw CloudError(code: "InternalError", message: error.description, httpStatus: 500)
            }
            pendingSave = task
            let result = await task.result
            if pendingSave == task { pendingSave = nil }
            switch result {
            case .success: savedRevision = max(savedRevision, target)
            case .failure(let error): throw CloudError(code: "InternalError", message: "\(error)", httpStatus: 500)
            }
        }
    }

    private func encoded(for path: String) throws(SimulatedCloudFileError) -> Data {
        do {
            return try CanonicalJSON.encode(state, dates: .deferredToDate, layout: .compact)
        } catch {
            throw .unwritable(path: path, reason: "cannot encode: \(error)")
        }
    }

    private static func write(_ data: Data, to path: String) throws(SimulatedCloudFileError) {
        do {
            try AtomicFile.write(data, to: path, permissions: 0o600)
        } catch {
            throw .unwritable(path: path, reason: "\(error)")
        }
    }

    static func readSnapshot(_ path: String) throws(SimulatedCloudFileError) -> CloudSnapshot {
        guard FileManager.default.fileExists(atPath: path) else { return CloudSnapshot() }
        let data: Data
        do {
            // Mapped, not copied: the file is replaced by renaming, never rewritten in place.
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        let snapshot: CloudSnapshot
        do {
            snapshot = try JSONTapeDecoder().decode(CloudSnapshot.self, from: data)
        } catch {
            throw .corrupt(path: path, reason: "\(error)")
        }
        guard snapshot.formatVersion == CloudSnapshot.currentFormat else {
            throw .corrupt(path: path, reason: "format version \(snapshot.formatVersion) is not \(CloudSnapshot.currentFormat)")
        }
        return snapshot
    }
}
