import Testing
@testable import TunnelformCore

@Suite("ScratchStack")
struct ScratchStackTests {
    /// Counts live instances, to show elements are neither leaked nor released twice.
    final class Tracked {
        nonisolated(unsafe) static var live = 0
        let value: Int
        init(_ value: Int) { self.value = value; Self.live += 1 }
        deinit { Self.live -= 1 }
    }

    @Test func pushGrowPopAndMoveOut() {
        var stack = ScratchStack<Int>(capacity: 2)
        for value in 0..<10 { stack.push(value) }
        #expect(stack.count == 10)
        #expect(stack.popLast() == 9)
        #expect(stack.moveOut(from: 6) == [6, 7, 8])
        #expect(stack.count == 6)
        #expect(stack.moveOut(from: 6) == [])
        #expect(stack.firstIndex(from: 2, where: { $0 == 4 }) == 4)
        #expect(stack.firstIndex(from: 5, where: { $0 == 4 }) == nil)
        #expect(stack.element(at: 3) == 3)
        stack.removeAll()
        #expect(stack.popLast() == nil)
    }

    @Test func elementsAreReleasedExactlyOnce() {
        let before = Tracked.live
        do {
            var stack = ScratchStack<Tracked>(capacity: 1)
            for value in 0..<5 { stack.push(Tracked(value)) }
            let moved = stack.moveOut(from: 3)
            #expect(moved.map(\.value) == [3, 4])
            #expect(Tracked.live == before + 5)
            _ = stack.popLast()
            #expect(Tracked.live == before + 4)
            // Two elements are left on the stack; its deinit releases them.
        }
        #expect(Tracked.live == before)
    }
}
