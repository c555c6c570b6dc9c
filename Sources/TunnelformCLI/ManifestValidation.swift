import TunnelformCore

/// The offline checks every command starts with: load, validate, resolve secrets.
enum ManifestValidation {
    struct Result: Sendable {
        var model: DesiredModel
        var secrets: ResolvedSecrets
        var diagnostics: [Diagnostic]
        var files: [String]
    }

    static func run(folder: String) -> Result {
        let loaded = ManifestLoader().load(folder: folder)
        let resolved = SecretResolver().resolve(loaded.model)
        return Result(model: loaded.model, secrets: resolved.secrets,
                      diagnostics: (loaded.diagnostics + resolved.diagnostics).sortedByLocation(), files: loaded.files)
    }
}
