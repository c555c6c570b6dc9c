/// The tables of the backend, in their own schema, and the numbered migrations that create them.
///
/// Migrations only ever append: version N's statements never change once released, a new column
/// or table is version N+1. `schema_migrations` records which ran; a database whose version is
/// newer than this build knows is refused (an older Tunnelform must not write a newer layout).
struct PostgresSchema: Sendable {
    /// The schema's name, checked to be a plain identifier (so it can be spliced into SQL).
    let name: String

    init(_ name: String) throws(PostgresStateError) {
        let allowed = name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
        guard !name.isEmpty, name.utf8.count <= 63, allowed, !(name.first?.isNumber ?? true) else {
            throw .invalidSchemaName(name)
        }
        self.name = name
    }

    /// `"tunnelform".table`: a table of this schema, quoted.
    func table(_ table: String) -> String { "\"\(name)\".\(table)" }

    /// The key of the transaction-level advisory lock migrations run under, so two first users
    /// of a new database do not both create the tables.
    var migrationLockKey: Int64 {
        // FNV-1a of the schema name: stable across runs and machines, unlike Hasher.
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in "tunnelform-migrations:\(name)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100000001b3
        }
        return Int64(bitPattern: hash)
    }

    struct Migration: Sendable {
        var version: Int
        var description: String
        var statements: [String]
    }

    /// Every migration, oldest first.
    var migrations: [Migration] {
        [
            Migration(version: 1, description: "workspaces, states, locks, journal", statements: [
                """
                CREATE TABLE \(table("workspaces")) (
                    name text PRIMARY KEY,
                    lineage text,
                    serial bigint,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz
                )
                """,
                """
                CREATE TABLE \(table("states")) (
                    id bigserial PRIMARY KEY,
                    workspace text NOT NULL REFERENCES \(table("workspaces")) (name) ON DELETE CASCADE,
                    lineage text NOT NULL,
                    serial bigint NOT NULL,
                    body bytea NOT NULL,
                    written_at timestamptz NOT NULL DEFAULT now(),
                    command text NOT NULL,
                    holder_user text,
                    host text NOT NULL,
                    pid integer NOT NULL,
                    holder_time timestamptz NOT NULL,
                    fence bigint NOT NULL,
                    summary text NOT NULL,
                    UNIQUE (workspace, lineage, serial)
                )
                """,
                "CREATE INDEX states_workspace_id ON \(table("states")) (workspace, id DESC)",
                """
                CREATE TABLE \(table("locks")) (
                    workspace text PRIMARY KEY REFERENCES \(table("workspaces")) (name) ON DELETE CASCADE,
                    fence bigint NOT NULL DEFAULT 0,
                    command text,
                    holder_user text,
                    host text,
                    pid integer,
                    holder_time timestamptz,
                    acquired_at timestamptz,
                    renewed_at timestamptz,
                    lease_expires_at timestamptz,
                    broken_by text,
                    broken_at timestamptz
                )
                """,
                """
                CREATE TABLE \(table("journal")) (
                    workspace text NOT NULL REFERENCES \(table("workspaces")) (name) ON DELETE CASCADE,
                    operation_id text NOT NULL,
                    address text NOT NULL,
                    token text NOT NULL,
                    started_at timestamptz NOT NULL,
                    fence bigint NOT NULL,
                    PRIMARY KEY (workspace, operation_id)
                )
                """,
            ]),
        ]
    }

    var latestVersion: Int { migrations.map(\.version).max() ?? 0 }
}
