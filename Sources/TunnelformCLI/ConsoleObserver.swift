import Foundation
import TunnelformCore

/// The `ReconcileObserver` of the commands: progress and warnings on stderr, the plan on stdout,
/// the confirmation prompt on the terminal, and the interrupt watch told what it must stop or release.
struct ConsoleObserver: ReconcileObserver {
    var console: Console
    /// Set for apply and destroy: Ctrl-C and SIGTERM stop gracefully and release the lock.
    var interrupts: InterruptWatch?
    /// Whether the plan an apply carries out is shown (a refresh-only apply shows its own view).
    var showsPlan = true
    var destroying = false

    func diagnosed(_ diagnostics: [Diagnostic]) { console.report(diagnostics) }

    func warned(_ message: String) { console.err(console.paint("Warning:", .yellow) + " " + message) }

    func tookOverLock(from holder: StateLock.Holder) { console.tookOverLock(holder) }

    func locked(_ lease: any StateLease) { interrupts?.holding(lease) }

    func refreshing(region: String) { console.err("Refreshing \(region)…") }

    func retrying(_ retry: CloudRetry) {
        console.err("\(retry.region.map { $0 + " " } ?? "")\(retry.action): \(retry.code) (attempt \(retry.attempt) of \(retry.maxAttempts)), retrying in \(String(format: "%.0f", retry.delay)) s")
    }

    func planned(_ plan: Plan) {
        if showsPlan { console.out(PlanView(console: console, destroying: destroying).render(plan)) }
    }

    func approve(_ plan: Plan, destroying: Bool) async -> Approval {
        let verb = destroying ? "destroy" : "apply"
        guard isatty(STDIN_FILENO) == 1 else {
            return .declined("refusing to \(verb) without confirmation: standard input is not a terminal. Pass --auto-approve to go ahead.")
        }
        console.err(destroying
            ? "\nDo you really want to destroy these objects? The connections' tunnels go down and cannot be brought back by undoing. Only 'yes' will be accepted."
            : "\nDo you want to perform these operations? Only 'yes' will be accepted.")
        FileHandle.standardError.write(Data("  Enter a value: ".utf8))
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else { return .declined("Cancelled: nothing was changed.") }
        return .approved
    }

    func applying(_ interrupt: ApplyInterrupt) { interrupts?.applying(interrupt) }

    func applyEvent(_ event: ApplyEvent) { console.err(ApplyProgressView(console: console).line(for: event)) }
}
