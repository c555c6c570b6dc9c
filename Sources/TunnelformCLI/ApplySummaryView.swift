import TunnelformCore

/// The closing line of apply, destroy and `apply --refresh-only`.
struct ApplySummaryView {
    var console: Console

    func render(_ outcome: ApplyOutcome) -> String {
        let destroying = outcome.mode == .destroy
        switch outcome.result {
        case .nothingToDo:
            return ""
        case .refreshed(let serial, let changed):
            guard changed else { return "" }
            return console.paint("Apply complete!", .green)
                + " The state now records what the cloud has (\(outcome.plan.drift.count) change(s) outside Tunnelform, serial \(serial)); no cloud object was changed."
        case .applied(let report):
            let completed = Set(report.completed)
            var done = outcome.plan
            done.operations = outcome.plan.operations.filter { completed.contains($0.id) }
            let counts = done.summary
            let tally = "\(counts.create) created, \(counts.modify) modified, \(counts.grant) granted, \(counts.delete) deleted"
            let retries = report.retries > 0 ? " (\(report.retries) retried call(s))" : ""
            if report.succeeded {
                return console.paint(destroying ? "Destroy complete!" : "Apply complete!", .green) + " \(tally).\(retries)"
            }
            if report.interrupted {
                return console.paint(destroying ? "Destroy interrupted:" : "Apply interrupted:", .yellow)
                    + " \(tally), recorded in the state; \(report.skipped.count) operation(s) not started.\(retries) Run tunnelform \(destroying ? "destroy" : "apply") again to finish."
            }
            return console.paint("Apply failed:", .red)
                + " \(report.failed.count) operation(s) failed, \(report.skipped.count) skipped; \(tally) and recorded in the state.\(retries) Run apply again to converge once the cause is fixed."
        }
    }
}
