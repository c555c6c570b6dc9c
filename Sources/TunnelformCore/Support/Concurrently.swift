import Foundation

/// Runs two independent pieces of work on two threads and returns both results; for loading
/// steps that read different files (manifests, state, the simulated cloud).
public enum Concurrently {
    public static func run<A: Sendable, B: Sendable>(_ first: @escaping @Sendable () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
        let a = ConcurrentResults<A?>(count: 1, initial: nil)
        let b = ConcurrentResults<B?>(count: 1, initial: nil)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { a[0] = first() } else { b[0] = second() }
        }
        // concurrentPerform returns only after both ran, so both slots are filled.
        guard let resultA = a[0], let resultB = b[0] else { preconditionFailure("concurrentPerform ran every iteration") }
        return (resultA, resultB)
    }
}
