import ArgumentParser
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
    @OptionGroup var lock: LockOptions
    @Flag(help: "Do not ask for confirmation.") var autoApprove = false
    @Option(help: "How many operations may run at once.") var parallelism = 10
    @Flag(help: "Change no cloud object: write what the cloud has now into the state.") var refreshOnly = false

    func run() async throws {
        let request = ApplyRequest(plan: options.request(refreshOnly ? .refreshOnly : .converge), savedPlan: planFile, confirm: !autoApprove,
                                   parallelism: parallelism, lockTimeout: try lock.timeout())
        try await ApplyRun(noColor: options.noColor).run(request)
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
    @OptionGroup var lock: LockOptions
    @Flag(help: "Do not ask for confirmation.") var autoApprove = false
    @Option(help: "How many operations may run at once.") var parallelism = 10

    func run() async throws {
        let request = ApplyRequest(plan: options.request(.destroy), confirm: !autoApprove, parallelism: parallelism,
                                   lockTimeout: try lock.timeout())
        try await ApplyRun(noColor: options.noColor).run(request)
    }
}

/// What apply and destroy share: one `Reconciler.apply` watched for interrupts, then the summary.
struct ApplyRun {
    var noColor: Bool

    func run(_ request: ApplyRequest) async throws {
        let console = Console(noColor: noColor)
        let watch = InterruptWatch(console: console)
        defer { watch.stop() }
        let observer = ConsoleObserver(console: console, interrupts: watch, destroying: request.plan.mode == .destroy)
        let outcome = try await ReconcilerFactory.make(observer: observer).apply(request)
        Retained.keep(outcome)
        let summary = ApplySummaryView(console: console).render(outcome)
        if !summary.isEmpty { console.out(summary) }
        if !outcome.succeeded { throw ExitStatus.failure }
    }
}
