import Foundation
import TunnelformCore

extension SimulatedCloud {
    /// Where the CLI keeps the simulated cloud, relative to the project root (git-ignored: it holds keys).
    public static let defaultFile = ".tunnelform/simulated-cloud.json"

    /// Loads the cloud saved at `path`; an empty cloud when there is no file yet.
    public init(
        contentsOf path: String, clock: any SimulatedClock = SimulatedSystemClock(),
        random: any SimulatedRandom = SimulatedSystemRandom(), delays: Delays = .instant
    ) throws(SimulatedCloudFileError) {
        self.init(snapshot: try Self.readSnapshot(path), clock: clock, random: random, delays: delays)
    }

    /// Writes the whole cloud to `path` atomically, in canonical JSON (so the file diffs well).
    public func save(to path: String) throws(SimulatedCloudFileError) {
        let data: Data
        do {
            data = try CanonicalJSON.encode(state, dates: .deferredToDate)
        } catch {
            throw .unwritable(path: path, reason: "cannot encode: \(error)")
        }
        do {
            try AtomicFile.write(data, to: path, permissions: 0o600)
        } catch {
            throw .unwritable(path: path, reason: "\(error)")
        }
        savedRevision = revision
    }

    /// Saves only when something changed since the last save, lazily applied transitions included
    /// (they allocate gateway IPs, which must not change from one process to the next).
    public func saveIfChanged(to path: String) throws(SimulatedCloudFileError) {
        guard revision != savedRevision else { return }
        try save(to: path)
    }

    /// `saveIfChanged` reported as a cloud error: 500, so retryable; a retry with the same token is safe.
    func persist(to path: String?) throws(CloudError) {
        guard let path else { return }
        do throws(SimulatedCloudFileError) {
            try saveIfChanged(to: path)
        } catch {
            throw CloudError(code: "InternalError", message: error.description, httpStatus: 500)
        }
    }

    static func readSnapshot(_ path: String) throws(SimulatedCloudFileError) -> CloudSnapshot {
        guard FileManager.default.fileExists(atPath: path) else { return CloudSnapshot() }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
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
