/// Accumulates operations while planning, then orders them: every operation after those it
/// waits for, ties broken by address and object so the same inputs give the same plan.
struct PlanBuilder {
    private(set) var operations: [String: PlanOperation] = [:]

    /// Adds an operation (dropping dependencies on operations not in the plan) and returns its id.
    @discardableResult
    mutating func add(_ operation: PlanOperation) -> String {
        operations[operation.id] = operation
        return operation.id
    }

    /// Adds dependencies to an operation already in the builder.
    mutating func addDependencies(_ ids: [String], to id: String) {
        guard var operation = operations[id] else { return }
        operation.waitsFor += ids.filter { $0 != id && !operation.waitsFor.contains($0) }
        operations[id] = operation
    }

    /// The operations in execution order. Each gets a level (one more than the deepest operation
    /// it waits for); sorting by level, address, object and action is a topological order.
    func ordered(keeping addresses: Set<ResourceAddress>? = nil) -> [PlanOperation] {
        let selected = addresses.map { addresses in operations.filter { addresses.contains($0.value.address) } } ?? operations
        let kept = selected.mapValues { operation in
            var operation = operation
            operation.waitsFor = operation.waitsFor.filter { selected[$0] != nil }.sorted()
            return operation
        }
        var levels: [String: Int] = [:]
        func level(_ id: String, depth: Int) -> Int {
            if let known = levels[id] { return known }
            guard depth < 10_000, let operation = kept[id] else { return 0 }
            let value = (operation.waitsFor.map { level($0, depth: depth + 1) }.max() ?? -1) + 1
            levels[id] = value
            return value
        }
        for id in kept.keys { _ = level(id, depth: 0) }
        // Sorted as small keys, not as operations: the comparator then neither hashes ids nor
        // moves whole operations around, which made large plans slow to order.
        let list = Array(kept.values)
        let keys = list.indices.map { (level: levels[list[$0].id] ?? 0, index: $0) }
        return keys.sorted { x, y in
            if x.level != y.level { return x.level < y.level }
            let (i, j) = (x.index, y.index)
            if list[i].address != list[j].address { return list[i].address < list[j].address }
            if list[i].object != list[j].object { return list[i].object < list[j].object }
            return list[i].id < list[j].id
        }.map { list[$0.index] }
    }
}
