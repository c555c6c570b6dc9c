/// Decides which operations may start: those whose dependencies all completed. Operations
/// behind a failure are skipped.
struct ApplyScheduler {
    private var waiting: [PlanOperation]
    private var done = Set<String>()
    private var failed = Set<String>()
    private(set) var report = ApplyReport()

    init(_ operations: [PlanOperation]) { waiting = operations }

    /// Up to `limit` operations that can start now, plus those skipped because a dependency failed.
    mutating func takeReady(limit: Int) -> (ready: [PlanOperation], skipped: [(PlanOperation, String)]) {
        var ready: [PlanOperation] = []
        var skipped: [(PlanOperation, String)] = []
        var index = 0
        while index < waiting.count && ready.count < limit {
            let operation = waiting[index]
            if let blocker = operation.waitsFor.first(where: failed.contains) {
                waiting.remove(at: index)
                failed.insert(operation.id)
                report.skipped.append(operation.id)
                skipped.append((operation, blocker))
            } else if operation.waitsFor.allSatisfy(done.contains) {
                waiting.remove(at: index)
                ready.append(operation)
            } else {
                index += 1
            }
        }
        return (ready, skipped)
    }

    mutating func finish(_ id: String, failure: String?) {
        if let failure {
            failed.insert(id)
            report.failed.append((id, failure))
        } else {
            done.insert(id)
            report.completed.append(id)
        }
    }

    /// Whatever never became ready: its dependency never ran.
    mutating func skipRemaining() -> [(PlanOperation, String)] {
        let remaining = waiting.map { ($0, $0.waitsFor.first { !done.contains($0) } ?? "an earlier failure") }
        report.skipped += waiting.map(\.id)
        waiting = []
        return remaining
    }
}
