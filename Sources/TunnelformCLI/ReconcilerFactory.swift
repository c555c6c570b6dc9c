import TunnelformCore

/// The `Reconciler` of the project in the current directory: its `tunnelform.yaml` (whose warnings
/// the observer hears), state backend and provider.
enum ReconcilerFactory {
    static func make(observer: any ReconcileObserver) throws -> Reconciler {
        let (config, diagnostics) = ProjectConfig.load()
        if diagnostics.hasErrors { throw ReconcileError.configuration(diagnostics) }
        observer.diagnosed(diagnostics)
        let backend: any StateBackend
        do { backend = try StateBackendFactory.make(config) } catch { throw ReconcileError.state(error) }
        return Reconciler(config: config, backend: backend, makeProvider: { try ProviderFactory.make(config, onRetry: $0) },
                          observer: observer)
    }
}
