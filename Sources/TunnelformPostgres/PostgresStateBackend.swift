import Foundation
import PostgresNIO
import TunnelformCore

/// The state in PostgreSQL, shared by everyone who runs Tunnelform on a project: every serial kept
/// as exact bytes, a lock with a lease on the database's clock and a fencing counter, and the
/// pending-operations journal as rows (`backend: postgres:` in tunnelform.yaml).
///
/// Tables live in their own schema (`tunnelform`), created and migrated on first use. Several
/// projects or environments share a database, a workspace each. Reads open a short connection;
/// a lease keeps one connection for its whole life and renews its lease on it.
public struct PostgresStateBackend: StateBackend, CustomStringConvertible, CustomReflectable {
    public let workspace: String
    /// How long a lease lasts unless renewed.
    public let leaseDuration: Duration
    /// How often a holder renews its lease (a third of the lease by default); nil never renews,
    /// for tests that play a paused holder.
    public var renewalInterval: Duration?
    /// How often a waiting `lock` looks again.
    public var pollInterval: Duration = .milliseconds(250)

    let connector: PostgresConnector
    let schema: PostgresSchema
    let headCache = PostgresHeadCache()

    /// `postgres workspace NAME`: never the URL.
    public var location: String { "postgres workspace \(workspace)" }

    public var description: String { location }

    /// What `dump` and debuggers show: the URL without its password.
    public var customMirror: Mirror {
        Mirror(self, children: ["location": location, "url": url.description, "schema": schema.name, "lease": leaseDuration])
    }

    /// The backend `config` describes, connecting with `url` (the resolved secret).
    public init(_ config: ProjectConfig.Postgres, url: String) throws(PostgresStateError) {
        try self.init(url: url, workspace: config.workspace, schema: config.schema, lease: config.lease)
    }

    public init(url: String, workspace: String = "default", schema: String = "tunnelform", lease: Duration = .seconds(30))
        throws(PostgresStateError)
    {
        let allowed = workspace.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) && $0.isASCII || "._-".unicodeScalars.contains($0)
        }
        guard !workspace.isEmpty, workspace.count <= 128, allowed else { throw .invalidWorkspaceName(workspace) }
        self.workspace = workspace
        self.schema = try PostgresSchema(schema)
        connector = PostgresConnector(url: try PostgresURL(url))
        leaseDuration = max(lease, .milliseconds(100))
        renewalInterval = max(leaseDuration / 3, .milliseconds(50))
    }

    /// The URL as parsed: user, host, port, database, sslmode (its description names no password).
    public var url: PostgresURL { connector.url }

    public func read() async throws -> State {
        guard let bytes = try await pull() else { return State() }
        let state = try StateStore.decode(bytes, path: location)
        headCache.remember(state)
        return state
    }

    public func pull() async throws -> Data? {
        try await withConnection { connection in
            let rows = try await connection.rows("""
                SELECT s.body FROM \(unescaped: schema.table("workspaces")) w
                JOIN \(unescaped: schema.table("states")) s ON s.workspace = w.name AND s.lineage = w.lineage AND s.serial = w.serial
                WHERE w.name = \(workspace)
                """)
            guard let row = rows.first else { return nil }
            return try row.decode(Data.self)
        }
    }

    public func history(limit: Int) async throws -> [StateRevision] {
        try await withConnection { connection in
            let rows = try await connection.rows("""
                SELECT serial, lineage, written_at, command, holder_user, host, pid, holder_time, summary
                FROM \(unescaped: schema.table("states")) WHERE workspace = \(workspace)
                ORDER BY id DESC LIMIT \(Int64(max(0, limit)))
                """)
            return try rows.map { row in
                let (serial, lineage, writtenAt, command, user, host, pid, time, summary) =
                    try row.decode((Int64, String, Date, String, String?, String, Int32, Date, String).self)
                return StateRevision(serial: Int(serial), lineage: lineage, writtenAt: writtenAt,
                                     holder: StateLock.Holder(holder: command, host: host, pid: pid, time: time, user: user),
                                     summary: summary)
            }
        }
    }

    public func prepare() async throws -> [String] {
        let connection = try await connector.connect(applicationName: "tunnelform")
        defer { Task { try? await connection.close() } }
        do {
            let outcome = try await PostgresMigrator.migrate(connection, schema: schema)
            let created = try await ensureWorkspace(connection)
            return [PostgresMigrator.describe(outcome, schema: schema.name),
                    created ? "Created workspace \(workspace)" : "Workspace \(workspace) already exists"]
        } catch {
            throw connector.classify(error)
        }
    }

    public func forceUnlock() async throws -> StateLock.Holder? {
        let me = StateLock.Holder.current(command: "tunnelform force-unlock")
        let breaker = "\(me.user ?? "unknown user") (pid \(me.pid) on \(me.host))"
        return try await withConnection { connection in
            let rows = try await connection.rows("""
                WITH old AS (SELECT workspace, command, holder_user, host, pid, holder_time
                             FROM \(unescaped: schema.table("locks")) WHERE workspace = \(workspace) AND command IS NOT NULL FOR UPDATE)
                UPDATE \(unescaped: schema.table("locks")) l
                SET command = NULL, holder_user = NULL, host = NULL, pid = NULL, holder_time = NULL,
                    acquired_at = NULL, renewed_at = NULL, lease_expires_at = NULL, broken_by = \(breaker), broken_at = now()
                FROM old WHERE l.workspace = old.workspace
                RETURNING old.command, old.holder_user, old.host, old.pid, old.holder_time
                """)
            guard let row = rows.first else { return nil }
            let (command, user, host, pid, time) = try row.decode((String, String?, String?, Int32?, Date?).self)
            return StateLock.Holder(holder: command, host: host ?? "unknown host", pid: pid ?? 0,
                                    time: time ?? Date(timeIntervalSince1970: 0), user: user)
        }
    }

    // MARK: Connections

    /// `body` on a new connection to a migrated schema, closed afterwards; every failure as a
    /// `PostgresStateError`.
    func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await connector.connect(applicationName: "tunnelform")
        do {
            _ = try await PostgresMigrator.migrate(connection, schema: schema)
            let value = try await body(connection)
            try? await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw connector.classify(error)
        }
    }

    /// Creates the workspace's rows (head and lock) unless they exist; true when it created them.
    @discardableResult
    func ensureWorkspace(_ connection: PostgresConnection) async throws -> Bool {
        let created = try await connection.rows("""
            INSERT INTO \(unescaped: schema.table("workspaces")) (name) VALUES (\(workspace))
            ON CONFLICT (name) DO NOTHING RETURNING name
            """)
        try await connection.run("""
            INSERT INTO \(unescaped: schema.table("locks")) (workspace) VALUES (\(workspace)) ON CONFLICT (workspace) DO NOTHING
            """)
        return !created.isEmpty
    }
}
