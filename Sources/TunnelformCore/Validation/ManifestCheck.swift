/// The offline checks every command starts with, each a stage of its own: load (read and decode),
/// validate (every domain rule), resolve the secrets the manifests refer to.
public struct ManifestCheck: Sendable {
    public var model: DesiredModel
    public var secrets: ResolvedSecrets
    /// Every problem of every stage, sorted by file, line and column.
    public var diagnostics: [Diagnostic]
    /// The manifest files read.
    public var files: [String]

    public init(model: DesiredModel = DesiredModel(), secrets: ResolvedSecrets = ResolvedSecrets(), diagnostics: [Diagnostic] = [],
                files: [String] = []) {
        self.model = model
        self.secrets = secrets
        self.diagnostics = diagnostics
        self.files = files
    }

    /// Loads `folder`, validates what decoded, and resolves its secrets (the environment's and the
    /// files' values are read here).
    public static func run(folder: String, loader: ManifestLoader = ManifestLoader(), validator: Validator = Validator(),
                           resolver: SecretResolver = SecretResolver()) -> ManifestCheck {
        let loaded = loader.load(folder: folder)
        let problems = validator.validate(loaded.model, invalidAddresses: loaded.invalidAddresses)
        let resolved = resolver.resolve(loaded.model)
        return ManifestCheck(model: loaded.model, secrets: resolved.secrets,
                             diagnostics: (loaded.diagnostics + problems + resolved.diagnostics).sortedByLocation(), files: loaded.files)
    }
}
