import Foundation

/// Every namespace and daemon the lab has created and not yet removed, so that an interrupted
/// run (SIGINT, SIGTERM) still leaves nothing behind. Runs register what they create before
/// creating it and unregister it once removed.
final class LabResources: @unchecked Sendable {
    static let shared = LabResources()

    private let lock = NSLock()
    private var namespaces: Set<String> = []
    private var daemons: Set<pid_t> = []
    private var folders: Set<String> = []
    private var activeRuns = 0
    /// Commands and daemon launches under way: an interruption waits for them, so nothing is
    /// created after its cleanup has looked.
    private var launches = 0
    private var interrupting = false
    private var signalSources: [any DispatchSourceSignal] = []
    private var ipPath = "/usr/sbin/ip"
    /// Tunnels waiting out `--hold`; a SIGINT while one waits ends the holds instead of the process.
    private var holding = 0
    private var holdEnded = false

    func add(namespace: String) { lock.withLock { _ = namespaces.insert(namespace) } }
    func remove(namespace: String) { lock.withLock { _ = namespaces.remove(namespace) } }
    func add(daemon: pid_t) { lock.withLock { _ = daemons.insert(daemon) } }
    func remove(daemon: pid_t) { lock.withLock { _ = daemons.remove(daemon) } }
    /// A run folder to delete if the run is interrupted (not registered when it is to be kept).
    func add(folder: String) { lock.withLock { _ = folders.insert(folder) } }
    func remove(folder: String) { lock.withLock { _ = folders.remove(folder) } }

    /// Called before a command or daemon is started, paired with `endLaunch()` once it is over (or,
    /// for a daemon, registered). Once an interruption is being cleaned up, suspends for good: the
    /// cleanup ends the process, and nothing new may appear behind its back.
    func beginLaunch() async {
        let admitted = lock.withLock {
            guard !interrupting else { return false }
            launches += 1
            return true
        }
        if !admitted { await withUnsafeContinuation { (_: UnsafeContinuation<Void, Never>) in } }
    }

    func endLaunch() { lock.withLock { launches -= 1 } }

    /// Called when a run starts: the first run installs the signal handlers.
    func beginRun(ip: String) {
        lock.withLock {
            ipPath = ip
            activeRuns += 1
            guard activeRuns == 1 else { return }
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler { [weak self] in self?.interrupted(by: signalNumber) }
                source.resume()
                signalSources.append(source)
            }
        }
    }

    /// Called when a run ends: the last run restores the default signal handling.
    func endRun() {
        lock.withLock {
            activeRuns -= 1
            guard activeRuns == 0 else { return }
            holdEnded = false
            for source in signalSources { source.cancel() }
            signalSources = []
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
    }

    /// Keeps the caller waiting `seconds`, or until SIGINT (Ctrl-C) ends the hold: then every hold
    /// of the run returns at once, and the run goes on to print its results and clean up.
    func hold(seconds: Double) async {
        lock.withLock {
            holding += 1
        }
        defer { lock.withLock { holding -= 1 } }
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, !lock.withLock({ holdEnded }) {
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
    }

    /// SIGINT during a hold: end the holds (a second Ctrl-C interrupts for good).
    private func endsHold(_ signalNumber: Int32) -> Bool {
        lock.withLock {
            guard signalNumber == SIGINT, holding > 0, !holdEnded else { return false }
            holdEnded = true
            return true
        }
    }

    /// Stops new launches, stops every daemon (SIGTERM, then SIGKILL after 3 s), waits for the
    /// commands under way, stops any daemon they started, deletes every namespace of this process
    /// and every run folder, then lets the signal end the process as it would have.
    private func interrupted(by signalNumber: Int32) {
        if endsHold(signalNumber) { return }
        let ip = lock.withLock {
            interrupting = true
            return ipPath
        }
        stopDaemons()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, lock.withLock({ launches }) > 0 { usleep(20_000) }
        stopDaemons()
        let registered = lock.withLock { namespaces }
        for name in registered.union(Self.namespacesOfThisProcess(ip: ip)) {
            _ = Self.runQuietly(ip, ["netns", "delete", name])
        }
        for folder in lock.withLock({ folders }) { try? FileManager.default.removeItem(atPath: folder) }
        // raise() would target this dispatch thread, which blocks signals: signal the process.
        signal(signalNumber, SIG_DFL)
        kill(getpid(), signalNumber)
        usleep(500_000)
        _exit(128 + signalNumber)
    }

    private func stopDaemons() {
        let pids = lock.withLock { daemons }
        for pid in pids { kill(pid, SIGTERM) }
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline, pids.contains(where: { kill($0, 0) == 0 && !Self.isZombie($0) }) {
            usleep(20_000)
        }
        for pid in pids where kill(pid, 0) == 0 && !Self.isZombie(pid) { kill(pid, SIGKILL) }
    }

    /// Every namespace named after this process (`tfl-PID-…`), including one whose creation was
    /// under way when the interruption came.
    private static func namespacesOfThisProcess(ip: String) -> [String] {
        runQuietly(ip, ["netns", "list"]).split(separator: "\n")
            .compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.hasPrefix("tfl-\(getpid())-") }
    }

    /// Runs a command synchronously (the signal handler's thread may block) and returns its output.
    private static func runQuietly(_ executable: String, _ arguments: [String]) -> String {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Suspends for good once an interruption is being cleaned up, so that a run failing because
    /// its daemons were stopped cannot end the process before the cleanup is done: the signal
    /// handler ends it.
    func holdIfInterrupted() async {
        guard lock.withLock({ interrupting }) else { return }
        await withUnsafeContinuation { (_: UnsafeContinuation<Void, Never>) in }
    }

    /// A process that has exited but not been reaped yet still answers `kill(pid, 0)`.
    static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}
