/// A growable stack in manually managed memory, from which a run of top elements can be moved out into
/// an exact-size array in one copy, with no reference counting on the way.
///
/// `Array` cannot hand over its elements without retaining and then releasing each one; building a
/// 400k-node tree does this for every node, so the YAML reader keeps its pending children here instead.
/// Invariant: elements `0..<count` are initialized, the rest of `capacity` is not.
struct ScratchStack<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: consume element)
        count += 1
    }

    /// Removes and returns the top element, or nil if the stack is empty.
    mutating func popLast() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        return (base + count).move()
    }

    /// A copy of the element at `index`, which must be below `count`.
    func element(at index: Int) -> Element {
        base[index]
    }

    /// The first index at or after `start` whose element satisfies `predicate`.
    func firstIndex(from start: Int, where predicate: (borrowing Element) -> Bool) -> Int? {
        var index = start
        while index < count {
            if predicate(base[index]) { return index }
            index += 1
        }
        return nil
    }

    /// Moves the elements from `start` to the top into a new array of exactly their count.
    mutating func moveOut(from start: Int) -> [Element] {
        let moved = count - start
        guard start >= 0, moved > 0 else { return [] }
        let source = base + start
        var didMove = false
        let result = [Element](unsafeUninitializedCapacity: moved) { buffer, initialized in
            guard let destination = buffer.baseAddress else { return }
            destination.moveInitialize(from: source, count: moved)
            initialized = moved
            didMove = true
        }
        if !didMove { source.deinitialize(count: moved) }
        count = start
        return result
    }

    mutating func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
