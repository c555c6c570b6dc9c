import Foundation
import PostgresNIO
import TunnelformCore

/// Taking the lock: free, or held by a holder whose lease ran out on the database's clock (a
/// takeover). Every acquisition bumps the fence, so a write of any earlier holder is refused.
extension PostgresStateBackend {
    public func lock(command: String, timeout: Duration, tookOver: @escaping @Sendable (StateLock.Holder) -> Void) async throws
        -> any StateLease
    {
        try await acquire(command: command, timeout: timeout, tookOver: tookOver)
    }

    /// `lock`, typed: the lease's fence and lease expiry are visible.
    public func acquire(command: String, timeout: Duration = .zero,
                        tookOver: @escaping @Sendable (StateLock.Holder) -> Void = { _ in }) async throws -> PostgresStateLease
    {
        let me = StateLock.Holder.current(command: command)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        let connection = try await connector.connect(applicationName: "\(PostgresStateLease.applicationPrefix)\(workspace)")
        do {
            _ = try await PostgresMigrator.migrate(connection, schema: schema)
            try await ensureWorkspace(connection)
            while true {
                switch try await attempt(connection, holder: me) {
                case .acquired(let grant):
                    if let previous = grant.previous { tookOver(previous) }
                    // The holder as the database keeps it (its clock keeps microseconds), so it compares
                    // equal to what force-unlock, a waiting run or the history give back.
                    var holder = me
                    holder.time = grant.holderTime
                    return PostgresStateLease(backend: self, connection: connection, holder: holder, grant: grant)
                case .held(let row):
                    let now = clock.now
                    guard now < deadline else {
                        throw PostgresStateError.locked(holder: row.holder ?? me, location: location,
                                                        leaseExpiresAt: row.leaseExpiresAt ?? Date(), waited: timeout)
                    }
                    try await Task.sleep(for: min(pollInterval, deadline - now))
                }
            }
        } catch is CancellationError {
            // Ctrl-C while waiting: nothing was taken.
            try? await connection.close()
            throw CancellationError()
        } catch {
            try? await connection.close()
            // Cancelled in the middle of a query: the driver reports the connection it closed for it.
            if Task.isCancelled { throw CancellationError() }
            throw connector.classify(error)
        }
    }

    /// What one try at the lock gave.
    enum Attempt {
        case acquired(Grant)
        case held(PostgresLockRow)
    }

    /// A lock just taken: its fence, lease end, the head it found, and whose expired lease it took over.
    struct Grant: Sendable {
        var fence: Int64
        var leaseExpiresAt: Date
        var holderTime: Date
        var head: PostgresStateLease.Head
        var previous: StateLock.Holder?
    }

    private func attempt(_ connection: PostgresConnection, holder me: StateLock.Holder) async throws -> Attempt {
        let locks = schema.table("locks"), workspaces = schema.table("workspaces")
        return try await connection.transaction {
            let rows = try await connection.rows("""
                SELECT \(unescaped: PostgresLockRow.columns) FROM \(unescaped: locks) WHERE workspace = \(workspace) FOR UPDATE
                """)
            guard let first = rows.first else { throw PostgresStateError.corruptRow("no lock row for workspace \(workspace)") }
            let row = try PostgresLockRow(first)
            guard row.holder == nil || row.expired else { return .held(row) }
            let granted = try await connection.rows("""
                UPDATE \(unescaped: locks) SET fence = fence + 1, command = \(me.holder), holder_user = \(me.user),
                    host = \(me.host), pid = \(me.pid), holder_time = \(me.time), acquired_at = now(), renewed_at = now(),
                    lease_expires_at = now() + make_interval(secs => \(leaseDuration.seconds))
                WHERE workspace = \(workspace) RETURNING fence, lease_expires_at, holder_time
                """)
            guard let grant = granted.first else { throw PostgresStateError.corruptRow("the lock row of \(workspace) vanished") }
            let (fence, expires, holderTime) = try grant.decode((Int64, Date, Date).self)
            let heads = try await connection.rows("SELECT lineage, serial FROM \(unescaped: workspaces) WHERE name = \(workspace)")
            let (lineage, serial) = try heads.first?.decode((String?, Int64?).self) ?? (nil, nil)
            return .acquired(Grant(fence: fence, leaseExpiresAt: expires, holderTime: holderTime, head: .init(lineage: lineage, serial: serial),
                                   previous: row.holder))
        }
    }
}

extension Duration {
    /// The duration in seconds, as the database's `make_interval(secs =>)` takes it.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
