import Foundation

/// What a command loaded, kept until the process exits instead of being freed when the command
/// returns: freeing a plan of 10,000 connections (the manifests, the state, the simulated cloud:
/// hundreds of thousands of small allocations) cost about 6 % of its CPU, only for the operating
/// system to take the memory back at once. The entry point exits without releasing it.
enum Retained {
    private final class Store: @unchecked Sendable {
        let lock = NSLock()
        var values: [any Sendable] = []
    }

    private static let store = Store()

    static func keep(_ value: any Sendable) {
        store.lock.withLock { store.values.append(value) }
    }
}
