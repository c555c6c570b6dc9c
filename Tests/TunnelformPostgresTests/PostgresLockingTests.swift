import Foundation
import Testing
import TunnelformCore
import TunnelformPostgres
import TunnelformTestSupport

/// Who a `tookOver` callback heard about.
final class TakeoverLog: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var holders: [StateLock.Holder] = []
    func record(_ holder: StateLock.Holder) { lock.withLock { holders.append(holder) } }
    var recorded: [StateLock.Holder] { lock.withLock { holders } }
}

// Against a real PostgreSQL; skipped, with the reason, only where it is not installed.
@Suite(.enabled(if: PostgresServer.unavailableReason == nil, "\(PostgresServer.unavailableReason ?? "")"))
struct PostgresLockingTests {
    @Test func aSecondRunWaitsThenFailsNamingTheHolder() async throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend()
        let first = try await backend.acquire(command: "tunnelform apply")
        let error = await thrown { _ = try await backend.lock(command: "tunnelform destroy", timeout: .milliseconds(600), tookOver: { _ in }) }
        guard case .locked(let holder, let location, let expires, let waited) = error as? PostgresStateError else {
            Issue.record("expected .locked, got \(String(describing: error))")
            return
        }
        #expect(holder == first.holder)
        #expect(location == "postgres workspace default")
        #expect(waited == .milliseconds(600))
        #expect(abs(expires.timeIntervalSince(first.leaseExpiresAt)) < 30)
        let message = "\(error!)"
        #expect(message.contains("locked by \(first.holder.summary)"), "\(message)")
        #expect(message.contains("lease expires at"), "\(message)")
        await first.release()
    }

    @Test func cancellingAWaitingRunTakesNothing() async throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend()
        let first = try await backend.acquire(command: "tunnelform apply")
        let waiting = Task { try await backend.acquire(command: "tunnelform destroy", timeout: .seconds(60)) }
        try await Task.sleep(for: .milliseconds(200))
        waiting.cancel()
        let result = await waiting.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(try fixture.sql("SELECT command FROM tunnelform.locks") == "tunnelform apply")
        await first.release()
    }

    @Test func aSecondRunGetsTheLockWhenTheFirstReleasesIt() async throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend()
        let first = try await backend.acquire(command: "tunnelform apply")
        try await first.write(makeState(serial: 1))
        let releasing = Task {
            try await Task.sleep(for: .milliseconds(300))
            await first.release()
        }
        let second = try await backend.acquire(command: "tunnelform apply", timeout: .seconds(30))
        try await releasing.value
        #expect(second.fence == first.fence + 1)
        try await second.write(makeState(serial: 2))
        await second.release()
        #expect(try await backend.read().serial == 2)
        // A released lease writes nothing more.
        let late = await thrown { try await first.write(makeState(serial: 3)) }
        #expect(late is StateLeaseLost)
        #expect(try await backend.read().serial == 2)
    }

    @Test func anExpiredLeaseIsTakenOverAndTheOldHoldersWritesAreRefused() async throws {
        let fixture = try PostgresFixture()
        let paused = try await fixture.backend(renews: false).acquire(command: "tunnelform apply")
        try await paused.write(makeState(serial: 1, records: ["a": "cn-hangzhou"]))
        let before = try await fixture.backend().pull()
        try fixture.expireLease()

        let log = TakeoverLog()
        let taker = try await fixture.backend().acquire(command: "tunnelform destroy", tookOver: { log.record($0) })
        #expect(log.recorded == [paused.holder])
        #expect(taker.fence == paused.fence + 1)

        // The paused run wakes up: its next write is refused, naming who took over, and changes nothing.
        let error = await thrown { try await paused.write(makeState(serial: 2)) }
        let lost = try #require(error as? StateLeaseLost)
        #expect(lost.location == "postgres workspace default")
        #expect(lost.reason.contains("taken over by \(taker.holder.summary)"), "\(lost.reason)")
        #expect(try await fixture.backend().pull() == before)
        // Once lost, always lost, without asking the database.
        #expect(await thrown { try await paused.write(makeState(serial: 2)) } as? StateLeaseLost == lost)

        try await taker.write(makeState(serial: 2))
        await taker.release()
        await paused.release()
        #expect(try await fixture.backend().read().serial == 2)
    }

    @Test func anExpiredButUntakenLeaseIsLostToo() async throws {
        let fixture = try PostgresFixture()
        let paused = try await fixture.backend(renews: false).acquire(command: "tunnelform apply")
        try fixture.expireLease()
        let error = await thrown { try await paused.write(makeState(serial: 1)) }
        #expect((error as? StateLeaseLost)?.reason.contains("lease expired") == true, "\(String(describing: error))")
        #expect(try await fixture.backend().pull() == nil)
    }

    @Test func aRenewedLeaseIsNotTakenOver() async throws {
        let fixture = try PostgresFixture()
        var backend = try fixture.backend(lease: .seconds(4))
        backend.renewalInterval = .milliseconds(100)
        let holder = try await backend.acquire(command: "tunnelform apply")
        let firstExpiry = holder.leaseExpiresAt
        // Every thread of Swift's cooperative pool busy for longer than the lease (as a command
        // computing digests on every core is): the renewal must not depend on them.
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<ProcessInfo.processInfo.activeProcessorCount { group.addTask { usleep(4_500_000) } }
        }
        #expect(holder.leaseExpiresAt > firstExpiry)
        #expect(holder.lostReason == nil)
        let error = await thrown { _ = try await backend.lock(command: "tunnelform apply", timeout: .zero, tookOver: { _ in }) }
        #expect(error is PostgresStateError)
        try await holder.write(makeState(serial: 1))
        await holder.release()
    }

    @Test func aCutConnectionLosesTheLeaseAndNothingOfItLands() async throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend()
        let lease = try await backend.acquire(command: "tunnelform apply")
        try await lease.write(makeState(serial: 1, records: ["a": "cn-hangzhou"], pending: [pendingOperation("op-1", "dc1")]))
        let before = try await backend.pull()
        #expect(try fixture.server.terminateSessions(database: fixture.database, applicationPrefix: PostgresStateLease.applicationPrefix) == 1)

        let error = await thrown { try await lease.write(makeState(serial: 2, records: ["a": "cn-hangzhou", "b": "cn-hangzhou"])) }
        let lost = try #require(error as? StateLeaseLost, "\(String(describing: error))")
        #expect(lost.reason.contains("connection was lost"), "\(lost.reason)")
        #expect(lost.description.contains("stopped before its next change"))
        #expect(try await backend.pull() == before)
        #expect(try fixture.journal() == ["op-1|VpnConnection/dc1|token-op-1"])
        await lease.release()
    }

    @Test func forceUnlockSaysWhoseLockItBrokeAndTheirWritesAreRefused() async throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend()
        let lease = try await backend.acquire(command: "tunnelform apply")
        #expect(try await backend.forceUnlock() == lease.holder)
        #expect(try await backend.forceUnlock() == nil)
        let error = await thrown { try await lease.write(makeState(serial: 1)) }
        let lost = try #require(error as? StateLeaseLost)
        let me = StateLock.Holder.current(command: "tunnelform force-unlock")
        #expect(lost.reason.contains("broken with force-unlock by \(me.user ?? "") (pid \(me.pid) on \(me.host)) at "), "\(lost.reason)")
        #expect(try await backend.pull() == nil)
        // The fence survives force-unlock and grows with the next holder.
        let next = try await backend.acquire(command: "tunnelform apply")
        #expect(next.fence == lease.fence + 1)
        await next.release()
        #expect(try fixture.sql("SELECT fence FROM tunnelform.locks") == "\(next.fence)")
    }

    @Test func aWriteIsRefusedWhenTheHeadMoved() async throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend()
        let lease = try await backend.acquire(command: "tunnelform apply")
        try await lease.write(makeState(serial: 1))
        // Someone bypassed the lock and moved the head.
        try fixture.sql("UPDATE tunnelform.workspaces SET serial = 9")
        let error = await thrown { try await lease.write(makeState(serial: 2)) }
        let lost = try #require(error as? StateLeaseLost)
        #expect(lost.reason.contains("written by someone else"), "\(lost.reason)")
        #expect(try fixture.sql("SELECT count(*) FROM tunnelform.states") == "1")
        await lease.release()
    }

    @Test func releaseBeforeExitLeavesTheLeaseToExpire() async throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend()
        let lease = try await backend.acquire(command: "tunnelform apply")
        lease.releaseBeforeExit()
        #expect(await thrown { try await lease.write(makeState(serial: 1)) } is StateLeaseLost)
        #expect(try fixture.sql("SELECT command FROM tunnelform.locks") == "tunnelform apply")
        try fixture.expireLease()
        let log = TakeoverLog()
        let next = try await backend.acquire(command: "tunnelform apply", tookOver: { log.record($0) })
        #expect(log.recorded == [lease.holder])
        await next.release()
        await lease.release()
    }
}
