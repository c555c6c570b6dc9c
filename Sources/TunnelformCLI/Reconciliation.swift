import Foundation
import TunnelformCore

/// Options shared by plan, apply and destroy.
import ArgumentParser

struct ReconcileOptions: ParsableArguments {
    @Option(name: .customLong("target"), help: "Limit the plan to this address (Kind/name) and what it depends on. Repeatable.")
    var targets: [String] = []
    @Option(help: "Refresh from the provider before planning; --refresh=false plans from the state alone.") var refresh = true
    @Flag(help: "Print without colour.") var noColor = false
    @Option(help: "The folder of manifests (default: from tunnelform.yaml, else manifests).") var manifests: String?
}

/// A plan made from a fresh refresh, with everything needed to apply it.
struct Reconciliation {
    var session: Session
    var handle: ProviderHandle
    var refreshed: Refresher.Result
    var plan: Plan
    var targets: Set<ResourceAddress>?
    /// A destroy: everything in the state (or the targets) is deleted, and the output says so.
    var destroying = false

    static func make(console: Console, options: ReconcileOptions, destroy: Bool, refreshOnly: Bool = false) async throws -> Reconciliation {
        let (config, store) = try Session.project(console: console)
        // The state and the provider are read at the same time, then the manifests while the refresh
        // runs: the state's file is done with before the manifests' trees and the cloud's file
        // reach their peak, which keeps memory lower than reading all three at once.
        let reading = Task { await Concurrently.detached { Result { try store.read() } } }
        let loading = Task { [refresh = options.refresh] in
            await ReconcileInputs.load(config: config, state: reading, refresh: refresh) { console.err("Refreshing \($0)…") }
        }
        _ = await reading.value
        let folder = options.manifests ?? config.manifests
        let validation = await Concurrently.detached { ManifestValidation.run(folder: folder) }
        if validation.diagnostics.hasErrors { loading.cancel() }
        let inputs = await loading.value
        let session: Session
        do {
            session = try Session.make(console: console, config: config, store: store, validation: validation,
                                       state: inputs.state, secretCache: inputs.secretCache)
        } catch {
            if case .success(let handle) = inputs.provider { await handle.shutdown() }
            throw error
        }
        let handle = try session.provider(inputs.provider)
        // The provider's connection pool must be closed on every path, failures included.
        let targets: Set<ResourceAddress>?
        var refreshed: Refresher.Result
        let moves: [StateMove]
        do {
            targets = try session.targets(options.targets)
            if refreshOnly && !options.refresh {
                console.err(console.paint("Error:", .red) + " --refresh-only and --refresh=false cannot be used together")
                throw Session.Stop()
            }
            refreshed = options.refresh ? try await inputs.refreshed(for: session, with: handle.provider) : Refresher.Result(state: session.state)
            do {
                (refreshed, moves) = try refreshed.moving(session.validation.model.moves.map(\.value))
            } catch {
                console.err(console.paint("Error:", .red) + " a Moved document cannot be applied: \(error)")
                throw Session.Stop()
            }
        } catch {
            await handle.shutdown()
            throw error
        }
        let input = session.plannerInput(refreshed: refreshed, destroy: destroy, targets: targets)
        var plan = refreshOnly ? Planner().refreshOnlyPlan(input) : Planner().plan(input)
        plan.moves = moves
        if !plan.problems.isEmpty {
            await handle.shutdown()
            console.report(plan.problems.map { $0.diagnostic(in: session.validation.model) })
            console.err(console.paint("Error:", .red) + " the manifests cannot be planned as written; nothing was changed")
            throw Session.Stop()
        }
        return Reconciliation(session: session, handle: handle, refreshed: refreshed, plan: plan, targets: targets, destroying: destroy)
    }

    /// The state `apply --refresh-only` writes: the refreshed records (of the targets and what they
    /// depend on, when targeted), with the serial bumped when anything changed.
    func refreshOnlyState() -> State {
        let keep = Planner().scope(session.plannerInput(refreshed: refreshed, destroy: false, targets: targets)).keep
        let addresses = keep ?? Set(session.state.addresses + refreshed.state.addresses)
        return refreshed.state(absorbingDriftOf: addresses)
    }

    /// Applies `plan` from the refreshed state, writing the state after every operation, then
    /// refreshes once more to record gateway IPs and tunnel ids. Returns whether all succeeded.
    func apply(_ plan: Plan, lease: any StateLease, parallelism: Int, interrupt: ApplyInterrupt = ApplyInterrupt()) async throws -> Bool {
        let console = session.console
        let progress = ApplyProgressView(console: console)
        let keeper = StateKeeper(state: session.state, lease: lease)
        // Drift of addresses outside the plan stays recorded, so the next plan still shows it.
        let planned = Set(plan.operations.map(\.address))
        do {
            try await keeper.replace(with: refreshed.state(absorbingDriftOf: planned))
        } catch {
            console.err(console.paint("Error:", .red) + " \(error)")
            throw Session.Stop()
        }
        // Digests made here go into the local verification cache too, so the next plan checks them with one HMAC.
        let cache = session.secretCache
        let engine = ApplyEngine(provider: handle.provider, secrets: session.validation.secrets, parallelism: parallelism,
                                 events: { console.err(progress.line(for: $0)) }, digest: { try cache.digest(of: $0) },
                                 interrupt: interrupt)
        var report = await engine.apply(plan, keeper: keeper)
        do {
            try await keeper.flush()
        } catch {
            console.err(console.paint("Error:", .red) + " \(error)")
        }
        session.saveSecretCache()
        report.retries += await handle.retryCount()
        let final = await keeper.state
        let after = Session(console: console, config: session.config, store: session.store, validation: session.validation, state: final,
                            secretCache: session.secretCache)
        if let refreshedAfter = try? await after.refresh(with: handle.provider) {
            try? await keeper.replace(with: refreshedAfter.state(absorbingDriftOf: planned))
        }
        console.out(summary(report, plan: plan))
        return report.succeeded
    }

    private func summary(_ report: ApplyReport, plan: Plan) -> String {
        let completed = Set(report.completed)
        var done = plan
        done.operations = plan.operations.filter { completed.contains($0.id) }
        let counts = done.summary
        let tally = "\(counts.create) created, \(counts.modify) modified, \(counts.grant) granted, \(counts.delete) deleted"
        let retries = report.retries > 0 ? " (\(report.retries) retried call(s))" : ""
        if report.succeeded {
            return session.console.paint(destroying ? "Destroy complete!" : "Apply complete!", .green) + " \(tally).\(retries)"
        }
        if report.interrupted {
            return session.console.paint(destroying ? "Destroy interrupted:" : "Apply interrupted:", .yellow)
                + " \(tally), recorded in the state; \(report.skipped.count) operation(s) not started.\(retries) Run tunnelform \(destroying ? "destroy" : "apply") again to finish."
        }
        return session.console.paint("Apply failed:", .red)
            + " \(report.failed.count) operation(s) failed, \(report.skipped.count) skipped; \(tally) and recorded in the state.\(retries) Run apply again to converge once the cause is fixed."
    }
}
