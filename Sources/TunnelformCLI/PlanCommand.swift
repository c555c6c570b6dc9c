import ArgumentParser
import Foundation
import TunnelformCore

/// `tunnelform plan`: refresh, compare, and print the ordered operations.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the operations that would make the cloud match the manifests.",
        discussion: """
            Refreshes from the provider, compares with the manifests and prints every create, modify,
            grant and delete in execution order, with the reason for each. Changes nothing.

            Example:
              tunnelform plan
              tunnelform plan --out plan.json && tunnelform apply plan.json
              tunnelform plan --detailed-exitcode   # 0 no changes, 1 error, 2 changes
              tunnelform plan --refresh-only --detailed-exitcode   # 2 when something changed outside Tunnelform
              tunnelform plan --target VpnConnection/shanghai-dc
            """
    )

    @OptionGroup var options: ReconcileOptions
    @Option(help: "Save the plan to FILE for `tunnelform apply FILE`.") var out: String?
    @Flag(help: "Print the plan as versioned JSON on stdout.") var json = false
    @Flag(help: "Exit 2 when there are changes (with --refresh-only: drift), 0 when there are none.") var detailedExitcode = false
    @Flag(help: "Only show what changed outside Tunnelform and the state update `apply --refresh-only` would write; plan no cloud change.")
    var refreshOnly = false

    func run() async throws {
        let console = Console(noColor: options.noColor)
        let reconciler = try ReconcilerFactory.make(observer: ConsoleObserver(console: console))
        let reconciliation = try await reconciler.plan(options.request(refreshOnly ? .refreshOnly : .converge, pinSecrets: out != nil))
        Retained.keep(reconciliation)
        let plan = reconciliation.plan
        if let out {
            try AtomicFile.write(try CanonicalJSON.encode(plan), to: out, permissions: 0o600)
            console.err("Saved the plan to \(out). Apply it with: tunnelform apply \(out)")
        }
        console.out(json ? String(try CanonicalJSON.string(plan).dropLast()) : PlanView(console: console).render(plan))
        if detailedExitcode && reconciliation.hasChanges { throw ExitStatus.changes }
    }
}
