import Foundation

/// A lock file beside the state that keeps two applies apart. It records who holds it. A lock left
/// on this host by a process that is gone is taken over (the caller is told, to warn); one from
/// another host cannot be judged from here and is removed only by `force-unlock`.
public struct StateLock: Sendable {
    /// Who holds a lock: the command, the user who ran it, where, and since when.
    public struct Holder: Codable, Equatable, Sendable {
        /// The command (`tunnelform apply`).
        public var holder: String
        public var host: String
        public var pid: Int32
        public var time: Date
        /// The user who ran it; absent in lock files of earlier versions.
        public var user: String?

        public init(holder: String, host: String, pid: Int32, time: Date, user: String? = nil) {
            self.holder = holder
            self.host = host
            self.pid = pid
            self.time = time
            self.user = user
        }

        /// This process, about to take a lock for `command`.
        public static func current(command: String, time: Date = Date()) -> Holder {
            let environment = ProcessInfo.processInfo.environment
            return Holder(holder: command, host: ProcessInfo.processInfo.hostName, pid: getpid(), time: time,
                          user: environment["USER"] ?? environment["LOGNAME"] ?? (getuid() == 0 ? "root" : "uid \(getuid())"))
        }

        /// `tunnelform apply by alice (pid 42 on ci-7, since 2026-12-03T09:00:00Z)`.
        public var summary: String {
            "\(holder)\(user.map { " by \($0)" } ?? "") (pid \(pid) on \(host), since \(time.formatted(.iso8601)))"
        }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case held(Holder, path: String)
        case stale(Holder, path: String)
        case cannotCreate(path: String, reason: String)

        public var description: String {
            switch self {
            case .held(let h, let path):
                "the state is locked by \(h.summary): wait for it to finish (lock file \(path))"
            case .stale(let h, let path):
                "the state is locked by \(h.summary), but that process is gone: the lock is stale. Check nothing else is running, then run `tunnelform force-unlock` (lock file \(path))"
            case .cannotCreate(let path, let reason): "cannot create lock file \(path): \(reason)"
            }
        }
    }

    public var path: String

    public init(statePath: String) { path = statePath + ".lock" }

    /// Takes the lock for `holder`, or throws `held`/`stale` naming who has it. A stale lock of this
    /// host is taken over once, and `tookOver` hears whose it was.
    public func acquire(holder: String, tookOver: (Holder) -> Void = { _ in }) throws -> Holder {
        let me = Holder.current(command: holder)
        let data = try CanonicalJSON.encode(me)
        var descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if descriptor < 0 && errno == EEXIST, let other = current(), other.host == me.host, isStale(other), removeStale(other) {
            tookOver(other)
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        }
        guard descriptor >= 0 else {
            guard errno == EEXIST else { throw Failure.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
            let other = current() ?? Holder(holder: "unknown", host: "unknown", pid: 0, time: Date(timeIntervalSince1970: 0))
            throw isStale(other) ? Failure.stale(other, path: path) : Failure.held(other, path: path)
        }
        _ = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        fsync(descriptor)
        close(descriptor)
        return me
    }

    public func release() { unlink(path) }

    /// Moves the stale lock of `holder` aside (an atomic rename, so of two processes taking it over only
    /// one gets it) and deletes it; puts back a lock that turns out to be someone's fresh one.
    private func removeStale(_ holder: Holder) -> Bool {
        let aside = path + ".stale.\(getpid())"
        guard rename(path, aside) == 0 else { return false }
        guard let data = FileManager.default.contents(atPath: aside), (try? CanonicalJSON.decode(Holder.self, from: data)) == holder else {
            _ = rename(aside, path)
            return false
        }
        unlink(aside)
        return true
    }

    /// The current holder, if the lock file exists and is readable.
    public func current() -> Holder? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? CanonicalJSON.decode(Holder.self, from: data)
    }

    /// A lock is stale when it was taken on this host by a process that no longer exists.
    public func isStale(_ holder: Holder) -> Bool {
        guard holder.host == ProcessInfo.processInfo.hostName, holder.pid > 0 else { return holder.pid == 0 }
        return kill(holder.pid, 0) != 0 && errno == ESRCH
    }

    /// Removes the lock whoever holds it. Returns the holder that was removed.
    @discardableResult
    public func forceUnlock() -> Holder? {
        let holder = current()
        unlink(path)
        return holder
    }
}
