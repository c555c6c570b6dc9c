import ArgumentParser
import TunnelformCore

/// `tunnelform validate`: load the manifests and check every rule offline.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the manifests offline: syntax, every domain rule, and secret references.",
        discussion: """
            Exits 0 when there is no error (warnings allowed) and 1 otherwise. Diagnostics go to
            stderr as file:line:column: severity: message (how to fix).

            Example:
              tunnelform validate --manifests manifests
              tunnelform validate --json | jq '.diagnostics[] | select(.severity == "error")'
            """
    )

    @Option(help: "The folder of manifests (default: from tunnelform.yaml, else manifests).") var manifests: String?
    @Flag(help: "Print the diagnostics as versioned JSON on stdout.") var json = false
    @Flag(help: "Print without colour.") var noColor = false

    func run() throws {
        let console = Console(noColor: noColor)
        let (config, configDiagnostics) = ProjectConfig.load()
        if configDiagnostics.hasErrors { throw ReconcileError.configuration(configDiagnostics) }
        console.report(configDiagnostics)
        let result = ManifestCheck.run(folder: manifests ?? config.manifests)
        Retained.keep(result)
        if json {
            console.out(try DiagnosticsView.json(result.diagnostics))
        } else {
            console.report(result.diagnostics)
            let errors = result.diagnostics.errors.count, warnings = result.diagnostics.warnings.count
            let objects = result.model.customerGateways.count + result.model.connections.count
            let summary = "\(objects) object(s) in \(result.files.count) file(s): \(errors) error(s), \(warnings) warning(s)."
            console.err(errors == 0 ? "Manifests are valid. " + summary : summary)
        }
        if result.diagnostics.hasErrors { throw ExitStatus.failure }
    }
}
