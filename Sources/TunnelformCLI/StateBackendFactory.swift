import TunnelformCore
import TunnelformPostgres

/// Builds the state backend `tunnelform.yaml` selects: the local state file by default, or the
/// PostgreSQL backend, whose URL (a secret reference) is resolved only here, never printed.
enum StateBackendFactory {
    static func make(_ config: ProjectConfig, resolver: SecretResolver = SecretResolver()) throws -> any StateBackend {
        switch config.backend {
        case .local:
            return LocalStateBackend(path: config.state)
        case .postgres(let postgres):
            switch resolver.value(of: postgres.url) {
            case .failure(let failure):
                throw CommandError("backend.postgres.url: \(failure.message) (\(failure.hint))")
            case .success(let url):
                return try PostgresStateBackend(postgres, url: url)
            }
        }
    }
}
