import TunnelformCore

/// Builds the state backend `tunnelform.yaml` selects: the local state file by default.
enum StateBackendFactory {
    static func make(_ config: ProjectConfig) throws -> any StateBackend {
        LocalStateBackend(path: config.state)
    }
}
