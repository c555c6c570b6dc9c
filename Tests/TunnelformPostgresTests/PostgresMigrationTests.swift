import Testing
import TunnelformCore
import TunnelformPostgres
import TunnelformTestSupport

// Against a real PostgreSQL; skipped, with the reason, only where it is not installed.
@Suite(.enabled(if: PostgresServer.unavailableReason == nil, "\(PostgresServer.unavailableReason ?? "")"))
struct PostgresMigrationTests {
    @Test func twoConcurrentFirstUsersMigrateOnce() async throws {
        let fixture = try PostgresFixture()
        let first = try fixture.backend(workspace: "prod"), second = try fixture.backend(workspace: "prod")
        async let a = first.prepare()
        async let b = second.prepare()
        let lines = try await [a, b]
        let created = lines.filter { $0.contains("Created schema tunnelform (version 1)") }
        let upToDate = lines.filter { $0.contains("Schema tunnelform already up to date (version 1)") }
        #expect(created.count == 1 && upToDate.count == 1, "\(lines)")
        #expect(lines.flatMap { $0 }.filter { $0 == "Created workspace prod" }.count == 1, "\(lines)")
        #expect(try fixture.sql("SELECT string_agg(version::text, ',') FROM tunnelform.schema_migrations") == "1")
    }

    @Test func prepareAgainSaysNothingToDo() async throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend(workspace: "prod")
        #expect(try await backend.prepare() == ["Created schema tunnelform (version 1)", "Created workspace prod"])
        #expect(try await backend.prepare() == ["Schema tunnelform already up to date (version 1)", "Workspace prod already exists"])
        let other = try fixture.backend(workspace: "staging")
        #expect(try await other.prepare() == ["Schema tunnelform already up to date (version 1)", "Created workspace staging"])
    }

    @Test func firstUseWithoutPrepareMigrates() async throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend(schema: "tf_state")
        #expect(try await backend.pull() == nil)
        #expect(try await backend.history(limit: 10).isEmpty)
        #expect(try await backend.read() == State())
        #expect(try fixture.sql("SELECT count(*) FROM tf_state.schema_migrations") == "1")
        #expect(try fixture.sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'tunnelform'") == "0")
    }

    @Test func aNewerSchemaIsRefused() async throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend()
        _ = try await backend.prepare()
        try fixture.sql("INSERT INTO tunnelform.schema_migrations (version, description) VALUES (7, 'from the future')")
        let error = await thrown { _ = try await backend.pull() }
        #expect(error as? PostgresStateError == .schemaTooNew(schema: "tunnelform", found: 7, known: 1))
    }

    @Test func badNamesAreRefusedBeforeConnecting() throws {
        let fixture = try PostgresFixture()
        #expect(throws: PostgresStateError.invalidSchemaName("Bad-Name")) { try fixture.backend(schema: "Bad-Name") }
        #expect(throws: PostgresStateError.invalidWorkspaceName("a b")) { try fixture.backend(workspace: "a b") }
    }
}
