/// Accumulates operations while planning, then orders them: every operation after those it
/// waits for, ties broken by address and object so the same inputs give the same plan.
struct PlanBuilder {
    /// In the order they were added; `positions` finds them by id.
    private var operations: [PlanOperation] = []
    private var positions: [String: Int] = [:]

    /// Adds an operation (replacing one with the same id) and returns its id.
    @discardableResult
    mutating func add(_ operation: consuming PlanOperation) -> String {
        let id = operation.id
        if let position = positions[id] {
            operations[position] = operation
        } else {
            positions[id] = operations.count
            operations.append(operation)
        }
        return id
    }

    /// Adds every operation of `other`, in the order they were added there.
    mutating func add(contentsOf other: PlanBuilder) {
        for operation in other.operations { add(operation) }
    }

    /// Adds dependencies to an operation already in the builder.
    mutating func addDependencies(_ ids: [String], to id: String) {
        guard let position = positions[id] else { return }
        let waitsFor = operations[position].waitsFor
        operations[position].waitsFor += ids.filter { $0 != id && !waitsFor.contains($0) }
    }

    /// Adds notes to an operation already in the builder.
    mutating func addNotes(_ notes: [String], to id: String) {
        guard let position = positions[id] else { return }
        operations[position].notes += notes.filter { !operations[position].notes.contains($0) }
    }

    func contains(_ id: String) -> Bool { positions[id] != nil }

    /// The operations in execution order, keeping those of `addresses` (nil: all) and dropping
    /// dependencies on operations not kept. Each gets a level (one more than the deepest operation
    /// it waits for); sorting by level, address, object and id is a topological order. Operations
    /// that wait for each other in a cycle can have no order: they are returned as `cycle`, in the
    /// order they wait, and the plan is refused.
    ///
    /// Operations are handled by position, not by id: levels and the sort then neither hash ids
    /// nor move whole operations around, which made large plans slow to order.
    func ordered(keeping addresses: Set<ResourceAddress>? = nil) -> (operations: [PlanOperation], cycle: [PlanOperation]) {
        let kept = addresses.map { addresses in operations.indices.filter { addresses.contains(operations[$0].address) } }
            ?? Array(operations.indices)
        var isKept = [Bool](repeating: addresses == nil, count: operations.count)
        for position in kept { isKept[position] = true }
        let waits = operations.map { operation in operation.waitsFor.compactMap { positions[$0] }.filter { isKept[$0] } }

        let (levels, cycle) = Self.levels(kept, waits: waits)
        if !cycle.isEmpty { return ([], cycle.map { operations[$0] }) }
        let keys = kept.map { (level: levels[$0], position: $0) }
        let order = keys.sorted { x, y in
            if x.level != y.level { return x.level < y.level }
            let (i, j) = (x.position, y.position)
            if operations[i].address != operations[j].address { return operations[i].address < operations[j].address }
            if operations[i].object != operations[j].object { return operations[i].object < operations[j].object }
            return operations[i].id < operations[j].id
        }
        let ordered = order.map { key in
            var operation = operations[key.position]
            operation.waitsFor = waits[key.position].map { operations[$0].id }.sorted()
            return operation
        }
        return (ordered, [])
    }

    /// Each position's level, found depth first without recursion (a long chain of operations must not
    /// exhaust the stack), and the positions of the first cycle met, if any.
    private static func levels(_ starts: [Int], waits: [[Int]]) -> (levels: [Int], cycle: [Int]) {
        enum Mark { case new, visiting, done }
        var marks = [Mark](repeating: .new, count: waits.count)
        var levels = [Int](repeating: 0, count: waits.count)
        for start in starts where marks[start] == .new {
            // The path being walked: a position and how many of its dependencies were looked at.
            var path: [(position: Int, next: Int)] = [(start, 0)]
            marks[start] = .visiting
            while let (position, next) = path.last {
                if next < waits[position].count {
                    path[path.count - 1].next += 1
                    let dependency = waits[position][next]
                    switch marks[dependency] {
                    case .new:
                        marks[dependency] = .visiting
                        path.append((dependency, 0))
                    case .visiting:
                        let from = path.firstIndex { $0.position == dependency } ?? 0
                        return (levels, path[from...].map(\.position))
                    case .done:
                        break
                    }
                } else {
                    levels[position] = (waits[position].map { levels[$0] }.max() ?? -1) + 1
                    marks[position] = .done
                    path.removeLast()
                }
            }
        }
        return (levels, [])
    }
}
