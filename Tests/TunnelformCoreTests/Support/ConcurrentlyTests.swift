import Foundation
import Testing
import TunnelformCore

@Suite("work spread over threads")
struct ConcurrentlyTests {
    @Test(arguments: [0, 1, 2, 3, 1_000])
    func mapKeepsIndexOrder(count: Int) {
        #expect(Concurrently.map(count) { $0 * $0 } == (0..<count).map { $0 * $0 })
    }

    /// Every index is computed exactly once, whichever worker takes it.
    @Test func mapComputesEachIndexOnce() {
        let calls = Counter()
        let results = Concurrently.map(500) { index in
            calls.increment(index)
            return index
        }
        #expect(results == Array(0..<500))
        #expect(calls.counts == Array(repeating: 1, count: 500))
    }

    /// Work that takes a while on one side does not hold up the other: the results come back together.
    @Test func runReturnsBothResults() {
        let (first, second) = Concurrently.run({ () -> String in
            Thread.sleep(forTimeInterval: 0.05)
            return "first"
        }, { 42 })
        #expect(first == "first")
        #expect(second == 42)
    }

    @Test func detachedReturnsItsResult() async {
        let value = await Concurrently.detached { (1...100).reduce(0, +) }
        #expect(value == 5_050)
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var slots = Array(repeating: 0, count: 500)
        func increment(_ index: Int) { lock.withLock { slots[index] += 1 } }
        var counts: [Int] { lock.withLock { slots } }
    }
}
