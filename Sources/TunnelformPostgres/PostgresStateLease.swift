import Foundation
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO
import TunnelformCore

/// The PostgreSQL lock one command holds: a fence (the lock's counter when it was taken) and a
/// lease on the database's clock that a background task renews on the lease's own connection.
///
/// Once lost (taken over after expiring, broken by force-unlock, the connection cut) the lease
/// stays lost: every write throws `StateLeaseLost` at once, without touching the database, and
/// the connection is closed. It never reconnects: a new connection could not prove that nothing
/// happened while the old one was gone.
public final class PostgresStateLease: StateLease, CustomStringConvertible, CustomReflectable {
    /// `application_name` of a lease's connection is this followed by the workspace.
    public static let applicationPrefix = "tunnelform lease "

    public let holder: StateLock.Holder
    /// The lock's fencing counter when this lease took it; only ever grows.
    public let fence: Int64
    public let location: String

    /// The head (lineage, serial) a write expects to find.
    struct Head: Equatable, Sendable {
        var lineage: String?
        var serial: Int64?
    }

    struct Status: Sendable {
        var head: Head
        /// The state last written (or found at the first write), for history summaries.
        var previous: State?
        var leaseExpiresAt: Date
        var lost: String?
        var released = false
        /// A write is under way: it extends the lease itself, so a renewal then has nothing to do.
        var writing = false
        var renewal: RepeatedTask?
    }

    let workspace: String
    let schema: PostgresSchema
    let connector: PostgresConnector
    let leaseDuration: Duration
    let headCache: PostgresHeadCache
    let connection: PostgresConnection
    let gate = SerialGate()
    let status: NIOLockedValueBox<Status>

    init(backend: PostgresStateBackend, connection: PostgresConnection, holder: StateLock.Holder,
         grant: PostgresStateBackend.Grant)
    {
        self.holder = holder
        fence = grant.fence
        location = backend.location
        workspace = backend.workspace
        schema = backend.schema
        connector = backend.connector
        leaseDuration = backend.leaseDuration
        headCache = backend.headCache
        self.connection = connection
        status = NIOLockedValueBox(Status(head: grant.head, leaseExpiresAt: grant.leaseExpiresAt))
        connection.closeFuture.whenComplete { [weak self] _ in
            self?.markLost("its database connection was lost")
        }
        if let interval = backend.renewalInterval {
            // On the connection's event loop, not in a Swift task: a command busy on every core
            // (digests, planning) must not starve the renewal of its lease.
            let nanoseconds = TimeAmount.nanoseconds(Int64(interval.seconds * 1e9))
            let task = connection.eventLoop.scheduleRepeatedAsyncTask(initialDelay: nanoseconds, delay: nanoseconds) { [weak self] repeated in
                guard let self else {
                    repeated.cancel()
                    return connection.eventLoop.makeSucceededVoidFuture()
                }
                return self.renew().map { alive in if !alive { repeated.cancel() } }
            }
            status.withLockedValue { $0.renewal = task }
        }
    }

    public var description: String { "lease on \(location) (fence \(fence)) for \(holder.summary)" }

    /// What `dump` and debuggers show: no connection settings.
    public var customMirror: Mirror { Mirror(self, children: ["location": location, "fence": fence, "holder": holder.summary]) }

    /// When the lease runs out unless renewed (database clock, as last heard).
    public var leaseExpiresAt: Date { status.withLockedValue { $0.leaseExpiresAt } }

    /// Why the lease was lost, nil while it holds.
    public var lostReason: String? { status.withLockedValue { $0.lost } }

    public func write(_ state: EncodedState) async throws {
        try throwIfUnusable()
        await gate.enter()
        // A write that gets no answer for a whole lease cannot be holding it any more.
        let limit = max(leaseDuration, .seconds(10))
        let answered: Void?
        do {
            answered = try await Deadline.run(limit) { try await self.writeHoldingGate(state) }
        } catch {
            await gate.leave()
            throw error
        }
        await gate.leave()
        guard answered != nil else {
            let reason = "the database did not answer a write within \(limit.formatted(.units(allowed: [.seconds])))"
            markLost(reason)
            throw StateLeaseLost(location: location, reason: lostReason ?? reason)
        }
    }

    public func release() async {
        let (first, renewal) = status.withLockedValue { status in
            let first = !status.released
            status.released = true
            return (first, status.renewal)
        }
        renewal?.cancel()
        await gate.enter()
        // After releaseBeforeExit the lease is left to expire; only the connection is closed.
        if first, lostReason == nil {
            _ = try? await connection.run("""
                UPDATE \(unescaped: schema.table("locks"))
                SET command = NULL, holder_user = NULL, host = NULL, pid = NULL, holder_time = NULL,
                    acquired_at = NULL, renewed_at = NULL, lease_expires_at = NULL
                WHERE workspace = \(workspace) AND fence = \(fence)
                """)
        }
        if !connection.isClosed { try? await connection.close() }
        await gate.leave()
    }

    /// Leaves the lease to expire: stops renewing, writes nothing more, does not wait.
    public func releaseBeforeExit() {
        let renewal = status.withLockedValue { status in
            status.released = true
            return status.renewal
        }
        renewal?.cancel()
    }

    // MARK: Losing the lease

    /// Records the first reason the lease was lost, stops renewing and closes the connection.
    func markLost(_ reason: String) {
        let renewal = status.withLockedValue { status -> RepeatedTask?? in
            guard status.lost == nil, !status.released else { return .none }
            status.lost = reason
            return .some(status.renewal)
        }
        guard let renewal else { return }
        renewal?.cancel()
        Self.close(connection)
    }

    /// Closes `connection` without waiting, keeping it alive until it is closed (the driver
    /// requires a connection to be closed before it goes away).
    static func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in _ = connection }
    }

    /// A lease dropped without `release` (a command that ended some other way) leaves its lease to
    /// expire, like `releaseBeforeExit`, and closes its connection.
    deinit {
        status.withLockedValue { $0.renewal }?.cancel()
        if !connection.isClosed { Self.close(connection) }
    }

    func throwIfUnusable() throws {
        let (lost, released) = status.withLockedValue { ($0.lost, $0.released) }
        if let lost { throw StateLeaseLost(location: location, reason: lost) }
        if released { throw StateLeaseLost(location: location, reason: "this run already released the lock") }
    }

    /// Whether `error` means the connection is gone (cut, terminated by the server, closed).
    func isConnectionLoss(_ error: any Error) -> Bool {
        if connection.isClosed { return true }
        guard let psql = error as? PSQLError else { return false }
        switch psql.code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown: return true
        case .server:
            let state = psql.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57P")
        default: return false
        }
    }

    // MARK: Renewing

    /// Pushes the lease's end one lease further, on the database's clock, while the fence is still
    /// this lease's and the lease has not run out. Succeeds with false (and marks the lease lost)
    /// otherwise. Runs on the event loop with the driver's future API.
    func renew() -> EventLoopFuture<Bool> {
        let loop = connection.eventLoop
        let (usable, writing) = status.withLockedValue { ($0.lost == nil && !$0.released, $0.writing) }
        guard usable else { return loop.makeSucceededFuture(false) }
        guard !writing else { return loop.makeSucceededFuture(true) }
        let locks = schema.table("locks"), workspace = workspace, fence = fence, connection = connection
        let renewal: PostgresQuery = """
            UPDATE \(unescaped: locks) SET renewed_at = now(), lease_expires_at = now() + make_interval(secs => \(leaseDuration.seconds))
            WHERE workspace = \(workspace) AND fence = \(fence) AND command IS NOT NULL AND lease_expires_at > now()
            RETURNING lease_expires_at
            """
        return connection.query(renewal, logger: PostgresConnector.logger).flatMap { result -> EventLoopFuture<Bool> in
            if let row = result.rows.first, let expires = try? row.decode(Date.self) {
                self.status.withLockedValue { $0.leaseExpiresAt = expires }
                return loop.makeSucceededFuture(true)
            }
            let lookup: PostgresQuery = "SELECT \(unescaped: PostgresLockRow.columns) FROM \(unescaped: locks) WHERE workspace = \(workspace)"
            return connection.query(lookup, logger: PostgresConnector.logger).map { result in
                let reason = result.rows.first.flatMap { try? PostgresLockRow($0).lossReason(forFence: fence) }
                self.markLost(reason ?? "the lease could not be renewed")
                return false
            }
        }.recover { error in
            self.markLost(self.isConnectionLoss(error) ? "its database connection was lost"
                                                       : "renewing the lease failed (\(self.connector.describe(error)))")
            return false
        }
    }
}
