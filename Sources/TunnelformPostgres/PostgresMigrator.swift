import PostgresNIO

/// Brings a database's schema to `PostgresSchema.latestVersion`, in one transaction under a
/// transaction-level advisory lock: two first users of a new database serialise here, the second
/// finds the work done.
enum PostgresMigrator {
    struct Outcome: Equatable, Sendable {
        var schemaCreated: Bool
        var from: Int
        var to: Int
    }

    static func migrate(_ connection: PostgresConnection, schema: PostgresSchema) async throws -> Outcome {
        try await connection.transaction {
            try await connection.run("SELECT pg_advisory_xact_lock(\(schema.migrationLockKey))")
            let existing = try await connection.rows("SELECT count(*) FROM pg_namespace WHERE nspname = \(schema.name)")
            let schemaExisted = try (existing.first?.decode(Int64.self) ?? 0) > 0
            if !schemaExisted {
                try await connection.run(PostgresQuery(unsafeSQL: "CREATE SCHEMA \"\(schema.name)\""))
            }
            try await connection.run(PostgresQuery(unsafeSQL: """
                CREATE TABLE IF NOT EXISTS \(schema.table("schema_migrations")) (
                    version integer PRIMARY KEY,
                    description text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """))
            let versions = try await connection.rows(PostgresQuery(unsafeSQL: "SELECT coalesce(max(version), 0) FROM \(schema.table("schema_migrations"))"))
            let found = Int(try versions.first?.decode(Int32.self) ?? 0)
            guard found <= schema.latestVersion else {
                throw PostgresStateError.schemaTooNew(schema: schema.name, found: found, known: schema.latestVersion)
            }
            for migration in schema.migrations where migration.version > found {
                for statement in migration.statements {
                    try await connection.run(PostgresQuery(unsafeSQL: statement))
                }
                try await connection.run("""
                    INSERT INTO \(unescaped: schema.table("schema_migrations")) (version, description)
                    VALUES (\(Int32(migration.version)), \(migration.description))
                    """)
            }
            return Outcome(schemaCreated: !schemaExisted, from: found, to: schema.latestVersion)
        }
    }

    /// The lines `prepare` prints for `outcome`.
    static func describe(_ outcome: Outcome, schema: String) -> String {
        if outcome.schemaCreated || outcome.from == 0 { return "Created schema \(schema) (version \(outcome.to))" }
        if outcome.from < outcome.to { return "Migrated schema \(schema) from version \(outcome.from) to \(outcome.to)" }
        return "Schema \(schema) already up to date (version \(outcome.to))"
    }
}
