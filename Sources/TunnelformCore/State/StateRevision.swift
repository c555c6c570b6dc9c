import Foundation

/// One state written to a backend that keeps history: `state history` lists them, newest first.
public struct StateRevision: Sendable, Equatable, Codable {
    public var serial: Int
    public var lineage: String
    /// When it was written, on the backend's clock.
    public var writtenAt: Date
    /// The command that wrote it, and who ran it where.
    public var holder: StateLock.Holder
    /// What changed from the revision before it (`StateChangeSummary`).
    public var summary: String

    public init(serial: Int, lineage: String, writtenAt: Date, holder: StateLock.Holder, summary: String) {
        self.serial = serial
        self.lineage = lineage
        self.writtenAt = writtenAt
        self.holder = holder
        self.summary = summary
    }
}
