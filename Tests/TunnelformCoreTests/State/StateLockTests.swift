import Foundation
import Testing
import TunnelformCore

/// Who holds the lock, and when a lock left behind is judged stale and taken over.
@Suite("state lock")
struct StateLockTests {
    private func lock() throws -> StateLock {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tf-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return StateLock(statePath: folder.appendingPathComponent("tunnelform.state.json").path)
    }

    /// A lock file as another process would have left it.
    private func leave(_ lock: StateLock, host: String, pid: Int32) throws -> StateLock.Holder {
        let holder = StateLock.Holder(holder: "tunnelform apply", host: host, pid: pid, time: Date(timeIntervalSince1970: 1_800_000_000))
        try CanonicalJSON.encode(holder).write(to: URL(fileURLWithPath: lock.path))
        return holder
    }

    /// A pid that is certainly not running: a child that has exited and been reaped.
    private func goneProcess() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func aLiveHolderOfThisHostBlocksWithItsDetails() throws {
        let lock = try lock()
        _ = try leave(lock, host: ProcessInfo.processInfo.hostName, pid: getpid())
        #expect {
            _ = try lock.acquire(holder: "tunnelform destroy")
        } throws: { error in
            guard case StateLock.Failure.held(let holder, _) = error else { return false }
            return holder.pid == getpid() && "\(error)".contains("locked by tunnelform apply (pid \(getpid()) on ")
        }
    }

    @Test func aGoneHolderOfThisHostIsTakenOverOnce() throws {
        let lock = try lock()
        let left = try leave(lock, host: ProcessInfo.processInfo.hostName, pid: try goneProcess())
        #expect(lock.isStale(left))
        var tookOver: [StateLock.Holder] = []
        let mine = try lock.acquire(holder: "tunnelform apply") { tookOver.append($0) }
        #expect(tookOver == [left])
        #expect(mine.pid == getpid())
        #expect(lock.current()?.pid == getpid())
        // The new lock is live: a second acquire is refused, and takes nothing over.
        #expect(throws: StateLock.Failure.self) { _ = try lock.acquire(holder: "tunnelform apply") { tookOver.append($0) } }
        #expect(tookOver.count == 1)
    }

    @Test func aHolderOfAnotherHostIsNeverJudgedStale() throws {
        let lock = try lock()
        let left = try leave(lock, host: "elsewhere.example", pid: try goneProcess())
        #expect(!lock.isStale(left))
        #expect {
            _ = try lock.acquire(holder: "tunnelform apply")
        } throws: { error in
            if case StateLock.Failure.held(let holder, _) = error { return holder.host == "elsewhere.example" }
            return false
        }
        #expect(lock.forceUnlock()?.host == "elsewhere.example")
        #expect(lock.current() == nil)
    }

    @Test func theLocalBackendWaitsForTheLockUpToItsTimeout() async throws {
        let lock = try lock()
        let statePath = String(lock.path.dropLast(".lock".count))
        let backend = LocalStateBackend(path: statePath)
        let first = try await backend.lock(command: "tunnelform apply", timeout: .zero, tookOver: { _ in })
        await #expect(throws: StateLock.Failure.self) {
            _ = try await backend.lock(command: "tunnelform apply", timeout: .milliseconds(300), tookOver: { _ in })
        }
        let releasing = Task {
            try await Task.sleep(for: .milliseconds(200))
            await first.release()
        }
        let second = try await backend.lock(command: "tunnelform destroy", timeout: .seconds(30), tookOver: { _ in })
        try await releasing.value
        #expect(lock.current()?.holder == "tunnelform destroy")
        await second.release()
        #expect(lock.current() == nil)
    }
}
