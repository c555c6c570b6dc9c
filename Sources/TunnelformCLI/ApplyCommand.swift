import ArgumentParser
import Foundation
import TunnelformCore

/// `tunnelform apply [PLANFILE]`: carry out a fresh plan, or a saved one.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Make the cloud match the manifests.",
        discussion: """
            Plans, shows the plan, asks for 'yes' on a terminal, then carries it out, writing the state
            after every completed operation. With PLANFILE, applies exactly that saved plan, refused when
            the state changed since it was made. Interrupted or failed applies converge when run again.

            Example:
              tunnelform apply
              tunnelform apply --auto-approve --parallelism 20
              tunnelform apply plan.json
              tunnelform apply --refresh-only --auto-approve   # accept changes made outside Tunnelform into the state
            """
    )

    @Argument(help: "A plan saved with `tunnelform plan --out FILE`.") var planFile: String?
    @OptionGroup var options: ReconcileOptions
    @Flag(help: "Do not ask for confirmation.") var autoApprove = false
    @Option(help: "How many operations may run at once.") var parallelism = 10
    @Flag(help: "Change no cloud object: write what the cloud has now into the state.") var refreshOnly = false

    func run() async throws {
        try await ApplyFlow(console: Console(noColor: options.noColor), options: options, autoApprove: autoApprove,
                            parallelism: parallelism, destroy: false, planFile: planFile, refreshOnly: refreshOnly).run()
    }
}

/// `tunnelform destroy`: delete everything in the state, in reverse order.
struct DestroyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "destroy",
        abstract: "Delete every cloud object the state records.",
        discussion: """
            Plans the deletion of everything in the state (propagation, association, attachment, grant,
            connection, then customer gateways), shows it, asks for 'yes', and carries it out.

            Example:
              tunnelform destroy --auto-approve
              tunnelform destroy --target VpnConnection/partner-link
            """
    )

    @OptionGroup var options: ReconcileOptions
    @Flag(help: "Do not ask for confirmation.") var autoApprove = false
    @Option(help: "How many operations may run at once.") var parallelism = 10

    func run() async throws {
        try await ApplyFlow(console: Console(noColor: options.noColor), options: options, autoApprove: autoApprove,
                            parallelism: parallelism, destroy: true, planFile: nil).run()
    }
}

/// The steps of apply and destroy: lock, plan (or load), confirm, apply, summarise.
struct ApplyFlow {
    var console: Console
    var options: ReconcileOptions
    var autoApprove: Bool
    var parallelism: Int
    var destroy: Bool
    var planFile: String?
    var refreshOnly = false

    func run() async throws {
        let (config, _) = ProjectConfig.load()
        let backend = LocalStateBackend(path: config.state)
        let lease: any StateLease
        do {
            lease = try await backend.lock(command: destroy ? "tunnelform destroy" : "tunnelform apply", timeout: .zero,
                                           tookOver: { [console] in console.tookOverLock($0) })
        } catch {
            console.err(console.paint("Error:", .red) + " \(error)")
            throw ExitStatus.failure
        }
        let watch = InterruptWatch(console: console, lease: lease)
        defer {
            watch.stop()
            lease.releaseBeforeExit()
        }
        let succeeded: Bool
        do {
            succeeded = try await applyUnderLock(watch, lease: lease)
        } catch is Session.Stop {
            throw ExitStatus.failure
        }
        if !succeeded { throw ExitStatus.failure }
    }

    private func applyUnderLock(_ watch: InterruptWatch, lease: any StateLease) async throws -> Bool {
        var reconciliation = try await Reconciliation.make(console: console, options: options, destroy: destroy, refreshOnly: refreshOnly)
        do {
            let succeeded = try await carryOut(&reconciliation, watch: watch, lease: lease)
            await reconciliation.handle.shutdown()
            return succeeded
        } catch {
            await reconciliation.handle.shutdown()
            throw error
        }
    }

    private func carryOut(_ reconciliation: inout Reconciliation, watch: InterruptWatch, lease: any StateLease) async throws -> Bool {
        if let planFile { reconciliation.plan = try loadSavedPlan(planFile, session: reconciliation.session) }
        let plan = reconciliation.plan
        if plan.refreshOnly { return try await writeRefreshed(reconciliation, lease: lease) }
        let view = PlanView(console: console, destroying: destroy)
        if plan.isEmpty {
            console.out(view.render(plan))
            try? await lease.write(refreshedWithSerial(reconciliation))
            return true
        }
        console.out(view.render(plan))
        if planFile == nil && !autoApprove { try confirm() }
        let interrupt = ApplyInterrupt()
        watch.applying(interrupt)
        return try await reconciliation.apply(plan, lease: lease, parallelism: parallelism, interrupt: interrupt)
    }

    /// `apply --refresh-only`: shows the drift, asks, and writes the refreshed state under the lock.
    private func writeRefreshed(_ reconciliation: Reconciliation, lease: any StateLease) async throws -> Bool {
        let plan = reconciliation.plan
        console.out(PlanView(console: console).render(plan))
        let next = reconciliation.refreshOnlyState()
        guard next != reconciliation.session.state else { return true }
        if planFile == nil && !autoApprove && !plan.drift.isEmpty { try confirm() }
        let keeper = StateKeeper(state: reconciliation.session.state, lease: lease)
        do {
            try await keeper.update { $0 = next }
        } catch {
            console.err(console.paint("Error:", .red) + " \(error)")
            throw Session.Stop()
        }
        let serial = await keeper.state.serial
        console.out(console.paint("Apply complete!", .green)
                    + " The state now records what the cloud has (\(plan.drift.count) change(s) outside Tunnelform, serial \(serial)); no cloud object was changed.")
        return true
    }

    /// The state with cloud-filled values (tunnel ids, gateway IPs) refreshed and its serial bumped
    /// when that changed it. Drift is not absorbed: the next plan still shows it.
    private func refreshedWithSerial(_ reconciliation: Reconciliation) -> State {
        var state = reconciliation.refreshed.filled
        guard state != reconciliation.session.state, reconciliation.session.store.exists else { return reconciliation.session.state }
        state.serial += 1
        return state
    }

    private func loadSavedPlan(_ path: String, session: Session) throws -> Plan {
        let state = session.state
        let plan: Plan
        do {
            guard let data = FileManager.default.contents(atPath: path) else { throw Session.Stop() }
            plan = try CanonicalJSON.decode(Plan.self, from: data)
        } catch {
            console.err(console.paint("Error:", .red) + " \(path) is not a saved Tunnelform plan")
            throw Session.Stop()
        }
        guard plan.formatVersion == Plan.currentFormatVersion else {
            console.err(console.paint("Error:", .red) + " \(path) has plan formatVersion \(plan.formatVersion); this tunnelform reads \(Plan.currentFormatVersion)")
            throw Session.Stop()
        }
        guard plan.lineage == state.lineage, plan.serial == state.serial else {
            console.err(console.paint("Error:", .red) + " saved plan is stale: the state changed since it was made (serial \(plan.serial) → \(state.serial)). Run `tunnelform plan --out \(path)` again.")
            throw Session.Stop()
        }
        let changed = SecretPin.changed(plan.pinnedSecrets, secrets: session.validation.secrets, cache: session.secretCache)
        for pin in changed {
            console.err(console.paint("Error:", .red) + " the value behind \(pin.reference) (\(pin.slot)) changed since the plan was made; the saved plan would send another key than it showed. Run `tunnelform plan --out \(path)` again.")
        }
        if !changed.isEmpty { throw Session.Stop() }
        return plan
    }

    private func confirm() throws {
        guard isatty(STDIN_FILENO) == 1 else {
            console.err(console.paint("Error:", .red) + " refusing to \(destroy ? "destroy" : "apply") without confirmation: standard input is not a terminal. Pass --auto-approve to go ahead.")
            throw Session.Stop()
        }
        console.err(destroy
            ? "\nDo you really want to destroy these objects? The connections' tunnels go down and cannot be brought back by undoing. Only 'yes' will be accepted."
            : "\nDo you want to perform these operations? Only 'yes' will be accepted.")
        FileHandle.standardError.write(Data("  Enter a value: ".utf8))
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
            console.err("Cancelled: nothing was changed.")
            throw Session.Stop()
        }
    }
}
