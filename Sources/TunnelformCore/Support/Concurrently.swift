import Foundation

/// Work spread over every core, on threads of its own.
///
/// Not on Dispatch's worker pool: on Linux, Swift's concurrency runtime runs its tasks on that
/// pool, which has one thread per core, and a `concurrentPerform` loop holds every worker until it
/// ends. A provider's calls started beside the manifests (the refresh) would wait for the whole
/// of their parsing.
public enum Concurrently {
    /// `transform` of every index in `0..<count`, in index order, computed on up to one thread per core.
    public static func map<T: Sendable>(_ count: Int, _ transform: @escaping @Sendable (Int) -> T) -> [T] {
        let width = min(count, ProcessInfo.processInfo.activeProcessorCount)
        guard width > 1 else { return (0..<count).map(transform) }
        let work = SharedWork(count: count, transform: transform)
        for _ in 1..<width { Thread { work.run() }.start() }
        work.run()
        return work.results(afterWorkers: width)
    }

    /// Runs two independent pieces of work at the same time and returns both results; for loading
    /// steps that read different files (manifests, state, the simulated cloud).
    public static func run<A: Sendable, B: Sendable>(_ first: @escaping @Sendable () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
        let pending = SharedWork(count: 1) { _ in second() }
        Thread { pending.run() }.start()
        let a = first()
        return (a, pending.results(afterWorkers: 1)[0])
    }

    /// Runs blocking work (reading and parsing files) on a thread of its own and waits for it
    /// without holding a thread of Swift's concurrency runtime: tasks started alongside (a
    /// provider's calls) keep running meanwhile.
    public static func detached<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }
}

/// The indices of one `Concurrently` call, taken one at a time by every worker, and their results.
private final class SharedWork<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let transform: @Sendable (Int) -> T
    private var slots: [T?]
    private var next = 0
    private var finishedWorkers = 0

    init(count: Int, transform: @escaping @Sendable (Int) -> T) {
        self.transform = transform
        slots = Array(repeating: nil, count: count)
    }

    /// Takes indices until none are left, then reports this worker finished.
    func run() {
        while let index = take() {
            let value = transform(index)
            condition.withLock { slots[index] = value }
        }
        condition.withLock {
            finishedWorkers += 1
            condition.broadcast()
        }
    }

    /// Every result, once `workers` workers (the caller's own run included) have finished.
    func results(afterWorkers workers: Int) -> [T] {
        condition.withLock {
            while finishedWorkers < workers { condition.wait() }
            return slots.map { slot in
                guard let slot else { preconditionFailure("every index was taken and computed") }
                return slot
            }
        }
    }

    private func take() -> Int? {
        condition.withLock {
            guard next < slots.count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
