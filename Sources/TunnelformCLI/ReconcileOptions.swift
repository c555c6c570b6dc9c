import ArgumentParser
import TunnelformCore

/// Options shared by plan, apply, destroy and graph.
struct ReconcileOptions: ParsableArguments {
    @Option(name: .customLong("target"), help: "Limit the plan to this address (Kind/name) and what it depends on. Repeatable.")
    var targets: [String] = []
    @Option(help: "Refresh from the provider before planning; --refresh=false plans from the state alone.") var refresh = true
    @Flag(help: "Print without colour.") var noColor = false
    @Option(help: "The folder of manifests (default: from tunnelform.yaml, else manifests).") var manifests: String?

    func request(_ mode: PlanRequest.Mode, pinSecrets: Bool = false) -> PlanRequest {
        PlanRequest(mode: mode, manifests: manifests, targets: targets, refresh: refresh, pinSecrets: pinSecrets)
    }
}
