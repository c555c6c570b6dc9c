import Foundation

/// A request to stop an apply gracefully: the operations in flight finish and are recorded, none
/// starts after it. Set from a signal handler, read by the engine between operations.
public final class ApplyInterrupt: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var running = 0

    public init() {}

    /// Asks the engine to start nothing more; returns how many operations are still in flight.
    @discardableResult
    public func request() -> Int {
        lock.withLock {
            requested = true
            return running
        }
    }

    public var isRequested: Bool { lock.withLock { requested } }

    /// Operations started and not yet finished.
    public var inFlight: Int { lock.withLock { running } }

    func started() { lock.withLock { running += 1 } }
    func finished() { lock.withLock { running -= 1 } }
}
