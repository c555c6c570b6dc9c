import Foundation
import NIOConcurrencyHelpers
import PostgresNIO
import TunnelformCore

/// A write: one transaction that checks the lock still carries this lease's fence with a lease not
/// run out (the row locked FOR UPDATE), compares the workspace's head with the one this lease saw
/// (lineage, serial), then keeps the bytes as a new revision, moves the head and makes the journal
/// rows equal to the state's pending operations.
extension PostgresStateLease {
    /// Why a write was refused: the lease is no longer this run's, or the head moved.
    struct Refusal: Error {
        var reason: String
    }

    func writeHoldingGate(_ encoded: EncodedState) async throws {
        try throwIfUnusable()
        status.withLockedValue { $0.writing = true }
        defer { status.withLockedValue { $0.writing = false } }
        let (expected, known) = status.withLockedValue { ($0.head, $0.previous) }
        let state = encoded.state
        do {
            try await connection.transaction {
                try await checkFence()
                try await compareHead(expected)
                var previous = known
                if previous == nil, let lineage = expected.lineage, let serial = expected.serial {
                    previous = headCache.state(lineage: lineage, serial: serial)
                    if previous == nil { previous = try await storedState(lineage: lineage, serial: serial) }
                }
                let summary = StateChangeSummary.describe(from: previous, to: state)
                try await insertRevision(encoded, summary: summary)
                try await syncJournal(state.pendingOperations)
            }
        } catch let refusal as Refusal {
            markLost(refusal.reason)
            throw StateLeaseLost(location: location, reason: refusal.reason)
        } catch {
            if isConnectionLoss(error) {
                markLost("its database connection was lost")
                throw StateLeaseLost(location: location, reason: lostReason ?? "its database connection was lost")
            }
            throw connector.classify(error)
        }
        status.withLockedValue {
            $0.head = Head(lineage: state.lineage, serial: Int64(state.serial))
            $0.previous = state
        }
    }

    private func checkFence() async throws {
        let rows = try await connection.rows("""
            SELECT \(unescaped: PostgresLockRow.columns) FROM \(unescaped: schema.table("locks")) WHERE workspace = \(workspace) FOR UPDATE
            """)
        guard let first = rows.first else { throw Refusal(reason: "the lock row is gone") }
        if let reason = try PostgresLockRow(first).lossReason(forFence: fence) { throw Refusal(reason: reason) }
        // The write renews the lease itself (renewals pause while it runs); committed with it.
        let renewed = try await connection.rows("""
            UPDATE \(unescaped: schema.table("locks")) SET renewed_at = now(), lease_expires_at = now() + make_interval(secs => \(leaseDuration.seconds))
            WHERE workspace = \(workspace) AND fence = \(fence) RETURNING lease_expires_at
            """)
        if let expires = try renewed.first?.decode(Date.self) { status.withLockedValue { $0.leaseExpiresAt = expires } }
    }

    private func compareHead(_ expected: Head) async throws {
        let rows = try await connection.rows("""
            SELECT lineage, serial FROM \(unescaped: schema.table("workspaces")) WHERE name = \(workspace) FOR UPDATE
            """)
        guard let first = rows.first else { throw Refusal(reason: "the workspace is gone") }
        let (lineage, serial) = try first.decode((String?, Int64?).self)
        guard lineage == expected.lineage, serial == expected.serial else {
            let now = serial.map { "serial \($0) of lineage \(lineage ?? "?")" } ?? "no state"
            let then = expected.serial.map { "serial \($0)" } ?? "no state"
            throw Refusal(reason: "the state was written by someone else meanwhile (the database holds \(now), this run expected \(then))")
        }
    }

    /// The head revision, decoded, so the first write's summary says what it changed.
    private func storedState(lineage: String, serial: Int64) async throws -> State? {
        let rows = try await connection.rows("""
            SELECT body FROM \(unescaped: schema.table("states"))
            WHERE workspace = \(workspace) AND lineage = \(lineage) AND serial = \(serial)
            """)
        guard let body = try rows.first?.decode(Data.self) else { return nil }
        return try? StateStore.decode(body, path: location)
    }

    private func insertRevision(_ encoded: EncodedState, summary: String) async throws {
        let state = encoded.state
        // The bytes go as one binary bytea parameter: no escaping, no text literal, exact.
        try await connection.run("""
            INSERT INTO \(unescaped: schema.table("states"))
                (workspace, lineage, serial, body, command, holder_user, host, pid, holder_time, fence, summary)
            VALUES (\(workspace), \(state.lineage), \(Int64(state.serial)), \(encoded.bytes), \(holder.holder), \(holder.user),
                    \(holder.host), \(holder.pid), \(holder.time), \(fence), \(summary))
            """)
        try await connection.run("""
            UPDATE \(unescaped: schema.table("workspaces")) SET lineage = \(state.lineage), serial = \(Int64(state.serial)), updated_at = now()
            WHERE name = \(workspace)
            """)
    }

    /// Makes the journal rows of the workspace exactly the state's pending operations.
    private func syncJournal(_ pending: [PendingOperation]) async throws {
        let journal = schema.table("journal")
        try await connection.run("DELETE FROM \(unescaped: journal) WHERE workspace = \(workspace)")
        guard !pending.isEmpty else { return }
        try await connection.run("""
            INSERT INTO \(unescaped: journal) (workspace, operation_id, address, token, started_at, fence)
            SELECT \(workspace), op, address, token, started_at, \(fence)
            FROM unnest(\(pending.map(\.operationId))::text[], \(pending.map(\.address.description))::text[],
                        \(pending.map(\.token))::text[], \(pending.map(\.startedAt))::timestamptz[]) AS j(op, address, token, started_at)
            """)
    }
}
