import Foundation

/// Slots that concurrent workers fill by index (each index written by one worker only), read
/// once all of them finished; for `DispatchQueue.concurrentPerform` loops.
final class ConcurrentResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value]

    init(count: Int, initial: Value) { slots = Array(repeating: initial, count: count) }

    subscript(index: Int) -> Value {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    var values: [Value] { lock.withLock { slots } }
}
