import Foundation

/// A lab run's private folder: made by `mkdtemp` inside a parent folder that only this user may
/// enter, so no other user can predict, pre-create, read or redirect anything in it.
///
/// Invariants: the parent is a real directory (not a symlink), owned by the effective user, with
/// no permission bits for group or others; the run folder is new (mkdtemp never reuses a path)
/// and 0700; every file the lab writes is created with `O_EXCL | O_NOFOLLOW` and mode 0600.
/// The folder holds an `owner` record (pid, process start time, whether it is kept) so that a
/// later run can tell the leftovers of a killed run from a live one (`LabLeftovers`).
struct RunFolder: Sendable {
    let path: String

    /// The default parent: `/run/tunnelform-lab` for root (only root can write `/run`), else
    /// `tunnelform-lab-UID` in the temporary folder.
    static var defaultParent: String {
        if geteuid() == 0, isDirectory("/run") { return "/run/tunnelform-lab" }
        return FileManager.default.temporaryDirectory.appendingPathComponent("tunnelform-lab-\(geteuid())").path
    }

    /// Creates the parent (0700) when it does not exist, and checks it when it does: refused
    /// when it is a symlink, not a directory, owned by someone else, or open to group or others.
    static func privateParent(_ path: String) throws(LabError) -> String {
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw .unsafeFolder(path, "cannot be created: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { throw .unsafeFolder(path, "cannot be examined: \(String(cString: strerror(errno)))") }
        let type = info.st_mode & S_IFMT
        if type == S_IFLNK { throw .unsafeFolder(path, "is a symbolic link") }
        guard type == S_IFDIR else { throw .unsafeFolder(path, "is not a directory") }
        guard info.st_uid == geteuid() else { throw .unsafeFolder(path, "belongs to user \(info.st_uid), not to \(geteuid())") }
        guard info.st_mode & 0o077 == 0 else {
            throw .unsafeFolder(path, "is open to other users (mode \(String(info.st_mode & 0o777, radix: 8)); it must be 0700)")
        }
        return path
    }

    /// A new folder `PREFIX-XXXXXX` inside the checked parent, with its owner record.
    static func make(in parent: String, prefix: String = "run", kept: Bool = false) throws(LabError) -> RunFolder {
        let checked = try privateParent(parent)
        var template = Array("\(checked)/\(prefix)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw .unsafeFolder(checked, "cannot hold a new run folder (mkdtemp: \(String(cString: strerror(errno))))") }
        let folder = RunFolder(path: String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        try folder.write(OwnerRecord.current(kept: kept).text, to: OwnerRecord.fileName)
        return folder
    }

    /// A subfolder (0700); it must not exist yet.
    func makeDirectory(_ name: String) throws(LabError) -> RunFolder {
        let sub = "\(path)/\(name)"
        guard mkdir(sub, 0o700) == 0 else { throw .unsafeFolder(sub, "cannot be created: \(String(cString: strerror(errno)))") }
        return RunFolder(path: sub)
    }

    /// Writes a new file with mode 0600; an existing file or a symlink at `name` is refused.
    func write(_ text: String, to name: String) throws(LabError) {
        let file = "\(path)/\(name)"
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .unsafeFolder(file, "cannot be written: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw .unsafeFolder(file, "cannot be written: \(String(cString: strerror(errno)))") }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Replaces the owner record, e.g. to mark the folder as kept once the run is over.
    func rewriteOwner(_ record: OwnerRecord) {
        _ = unlink("\(path)/\(OwnerRecord.fileName)")
        try? write(record.text, to: OwnerRecord.fileName)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}

/// Who made a run folder: a process id and its start time (so a reused pid is not taken for the
/// owner), and whether the folder is to be kept (`--keep`).
struct OwnerRecord: Equatable, Sendable {
    static let fileName = "owner"

    var pid: pid_t
    var startTime: UInt64
    var kept: Bool
    /// The run is over (a kept folder no longer belongs to a live run).
    var finished = false

    static func current(kept: Bool) -> OwnerRecord {
        OwnerRecord(pid: getpid(), startTime: startTime(of: getpid()) ?? 0, kept: kept)
    }

    var text: String { "pid=\(pid) start=\(startTime) kept=\(kept ? 1 : 0) finished=\(finished ? 1 : 0)\n" }

    init(pid: pid_t, startTime: UInt64, kept: Bool, finished: Bool = false) {
        self.pid = pid
        self.startTime = startTime
        self.kept = kept
        self.finished = finished
    }

    init?(text: String) {
        var fields: [String: String] = [:]
        for pair in text.split(whereSeparator: \.isWhitespace) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let pid = fields["pid"].flatMap({ pid_t($0) }), let start = fields["start"].flatMap({ UInt64($0) }) else { return nil }
        self.init(pid: pid, startTime: start, kept: fields["kept"] == "1", finished: fields["finished"] == "1")
    }

    /// The process that made the folder still runs.
    var ownerIsAlive: Bool { Self.isAlive(pid) && (startTime == 0 || Self.startTime(of: pid) == startTime) }

    /// Running, and not an exited process waiting to be reaped.
    static func isAlive(_ pid: pid_t) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        return !LabResources.isZombie(pid)
    }

    /// Field 22 of `/proc/PID/stat`: the start time in clock ticks since boot.
    static func startTime(of pid: pid_t) -> UInt64? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command come state (field 3) … starttime (field 22).
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }
}
