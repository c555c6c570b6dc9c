import HeapModule

/// Decides which operations may start: those whose dependencies all completed. Operations
/// behind a failure are skipped.
///
/// Each operation is looked at when its last dependency completes or one of them fails, and
/// candidates are taken in plan order, so an apply of N operations costs O(N log N) in all,
/// not a scan of everything still waiting per completion.
struct ApplyScheduler {
    private enum Progress { case waiting, candidate, taken }

    private let operations: [PlanOperation]
    private var progress: [Progress]
    /// Dependencies not completed yet, per operation (unknown ids never complete).
    private var pending: [Int]
    /// Positions of the operations that wait for each id.
    private var dependents: [String: [Int]] = [:]
    /// Operations whose dependencies are all resolved (or one failed), smallest position first.
    private var candidates = Heap<Int>()
    private var done = Set<String>()
    private var failed = Set<String>()
    private(set) var report = ApplyReport()

    init(_ operations: [PlanOperation]) {
        self.operations = operations
        progress = Array(repeating: .waiting, count: operations.count)
        pending = operations.map { Set($0.waitsFor).count }
        for (position, operation) in operations.enumerated() {
            for id in Set(operation.waitsFor) { dependents[id, default: []].append(position) }
            if pending[position] == 0 { offer(position) }
        }
    }

    /// Up to `limit` operations that can start now, plus those skipped because a dependency failed.
    mutating func takeReady(limit: Int) -> (ready: [PlanOperation], skipped: [(PlanOperation, String)]) {
        var ready: [PlanOperation] = []
        var skipped: [(PlanOperation, String)] = []
        while ready.count < limit, let position = candidates.popMin() {
            let operation = operations[position]
            progress[position] = .taken
            if let blocker = operation.waitsFor.first(where: failed.contains) {
                report.skipped.append(operation.id)
                skipped.append((operation, blocker))
                markFailed(operation.id)
            } else {
                ready.append(operation)
            }
        }
        return (ready, skipped)
    }

    mutating func finish(_ id: String, failure: String?) {
        if let failure {
            report.failed.append((id, failure))
            markFailed(id)
        } else {
            done.insert(id)
            report.completed.append(id)
            for position in dependents[id] ?? [] {
                pending[position] -= 1
                if pending[position] == 0 { offer(position) }
            }
        }
    }

    /// Whatever never became ready: its dependency never ran.
    mutating func skipRemaining() -> [(PlanOperation, String)] {
        var remaining: [(PlanOperation, String)] = []
        for (position, operation) in operations.enumerated() where progress[position] != .taken {
            progress[position] = .taken
            remaining.append((operation, operation.waitsFor.first { !done.contains($0) } ?? "an earlier failure"))
        }
        report.skipped += remaining.map(\.0.id)
        candidates = Heap()
        return remaining
    }

    /// A failed or skipped operation makes everything waiting for it a candidate (to be skipped).
    private mutating func markFailed(_ id: String) {
        failed.insert(id)
        for position in dependents[id] ?? [] { offer(position) }
    }

    private mutating func offer(_ position: Int) {
        guard progress[position] == .waiting else { return }
        progress[position] = .candidate
        candidates.insert(position)
    }
}
