import Testing
import TunnelformCore
@testable import TunnelformCLI

struct StateBackendFactoryTests {
    private func config(_ url: SecretReference, workspace: String = "prod") -> ProjectConfig {
        var postgres = ProjectConfig.Postgres(url: url)
        postgres.workspace = workspace
        var config = ProjectConfig()
        config.backend = .postgres(postgres)
        return config
    }

    @Test func theLocalFileByDefault() throws {
        #expect(try StateBackendFactory.make(ProjectConfig()).location == "tunnelform.state.json")
    }

    @Test func aMissingURLVariableIsAConfigurationErrorNamingIt() {
        let resolver = SecretResolver(environment: [:])
        #expect {
            _ = try StateBackendFactory.make(config(.env("TUNNELFORM_POSTGRES_URL")), resolver: resolver)
        } throws: { error in
            "\(error)".contains("{env: TUNNELFORM_POSTGRES_URL} is not set")
        }
    }

    @Test func theResolvedURLBuildsThePostgresBackendWithoutConnecting() throws {
        let resolver = SecretResolver(environment: ["PG_URL": "postgres://tf:hunter2-secret@db.internal:5432/state?sslmode=verify-full"])
        let backend = try StateBackendFactory.make(config(.env("PG_URL")), resolver: resolver)
        #expect(backend.location == "postgres workspace prod")
        #expect("\(type(of: backend))" == "PostgresStateBackend")
        #expect(!"\(backend)".contains("hunter2-secret"))
    }

    @Test func aBadURLIsRefusedWithoutPrintingIt() {
        let resolver = SecretResolver(environment: ["PG_URL": "postgres://tf:hunter2-secret@db.internal/state?sslmode=sometimes"])
        #expect {
            _ = try StateBackendFactory.make(config(.env("PG_URL")), resolver: resolver)
        } throws: { error in
            "\(error)".contains("sslmode 'sometimes'") && !"\(error)".contains("hunter2-secret")
        }
    }
}
