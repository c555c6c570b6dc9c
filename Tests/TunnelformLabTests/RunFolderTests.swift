import Foundation
import Testing
@testable import TunnelformLab

/// Run folders: a private parent, mkdtemp folders, 0600 files, and refusals of anything another
/// user could have planted. Needs no root (the ownership case needs root to plant a foreign folder).
@Suite struct RunFolderTests {
    /// A fresh scratch folder for one test, removed by the caller.
    static func scratch() throws -> String {
        var template = Array("\(FileManager.default.temporaryDirectory.path)/tfl-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) != nil }
        try #require(made)
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o777 : 0o7777
    }

    @Test func parentIsCreatedPrivate() throws {
        let base = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let parent = try RunFolder.privateParent("\(base)/lab")
        #expect(Self.mode(parent) == 0o700)
        // Existing and private: accepted again.
        #expect(try RunFolder.privateParent(parent) == parent)
    }

    @Test func symlinkParentIsRefused() throws {
        let base = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let target = "\(base)/elsewhere"
        #expect(mkdir(target, 0o700) == 0)
        #expect(symlink(target, "\(base)/lab") == 0)
        #expect(throws: LabError.unsafeFolder("\(base)/lab", "is a symbolic link")) { try RunFolder.make(in: "\(base)/lab") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).isEmpty)
    }

    @Test func parentOpenToOthersIsRefused() throws {
        let base = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        #expect(mkdir("\(base)/lab", 0o755) == 0)
        #expect(chmod("\(base)/lab", 0o755) == 0)
        #expect(throws: LabError.self) { try RunFolder.make(in: "\(base)/lab") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(base)/lab").isEmpty)
    }

    @Test(.enabled(if: geteuid() == 0, "chown to another user needs root"))
    func parentOfAnotherUserIsRefused() throws {
        let base = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        #expect(mkdir("\(base)/lab", 0o700) == 0)
        #expect(chown("\(base)/lab", 65534, 65534) == 0)
        #expect(throws: LabError.unsafeFolder("\(base)/lab", "belongs to user 65534, not to 0")) { try RunFolder.make(in: "\(base)/lab") }
    }

    @Test func foldersAreNewPrivateAndOwned() throws {
        let base = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let first = try RunFolder.make(in: base)
        let second = try RunFolder.make(in: base)
        #expect(first.path != second.path)
        #expect(first.path.hasPrefix("\(base)/run-"))
        #expect(Self.mode(first.path) == 0o700)
        #expect(Self.mode("\(first.path)/owner") == 0o600)
        let record = try #require(OwnerRecord(text: try String(contentsOfFile: "\(first.path)/owner", encoding: .utf8)))
        #expect(record.pid == getpid() && record.ownerIsAlive && !record.kept)
    }

    @Test func writesAreExclusiveAndDoNotFollowSymlinks() throws {
        let base = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let folder = try RunFolder.make(in: base)
        try folder.write("secret = \"k\"\n", to: "swanctl.conf")
        #expect(Self.mode("\(folder.path)/swanctl.conf") == 0o600)
        #expect(throws: LabError.self) { try folder.write("again", to: "swanctl.conf") }
        let victim = "\(base)/victim"
        try "untouched".write(toFile: victim, atomically: false, encoding: .utf8)
        #expect(symlink(victim, "\(folder.path)/planted") == 0)
        #expect(throws: LabError.self) { try folder.write("overwritten", to: "planted") }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "untouched")
        let sub = try folder.makeDirectory("cloud")
        #expect(Self.mode(sub.path) == 0o700)
    }

    @Test func ownerRecordsRoundTripAndDeadOwnersAreSeen() throws {
        let record = OwnerRecord(pid: 4_000_000, startTime: 12, kept: true, finished: false)
        #expect(OwnerRecord(text: record.text) == record)
        #expect(!record.ownerIsAlive)
        // Our own pid with another start time is another process (a reused pid).
        #expect(!OwnerRecord(pid: getpid(), startTime: (OwnerRecord.startTime(of: getpid()) ?? 0) + 1, kept: false).ownerIsAlive)
        #expect(LabNaming.owner(ofNamespace: "tfl-123-4-c1") == 123)
        #expect(LabNaming.owner(ofNamespace: "other-123") == nil)
    }
}
