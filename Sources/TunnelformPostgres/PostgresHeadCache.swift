import NIOConcurrencyHelpers
import TunnelformCore

/// The state `read()` last decoded, kept so a lease's first write can say what it changed without
/// fetching and decoding the head again (an apply reads the state right after taking the lock; at
/// 10,000 connections the head is 34 MB of JSON). Used only when its (lineage, serial) is the head's.
final class PostgresHeadCache: Sendable {
    private let box = NIOLockedValueBox<State?>(nil)

    func remember(_ state: State) { box.withLockedValue { $0 = state } }

    func state(lineage: String, serial: Int64) -> State? {
        box.withLockedValue { cached in
            guard let cached, cached.lineage == lineage, Int64(cached.serial) == serial else { return nil }
            return cached
        }
    }
}
