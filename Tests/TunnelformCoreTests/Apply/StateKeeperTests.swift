import Foundation
import Testing
import TunnelformCore

/// When the state reaches the disk during an apply: journal entries before `update` returns,
/// completions together, later.
@Suite("state keeper")
struct StateKeeperTests {
    private func store() throws -> StateStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tf-keeper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return StateStore(path: folder.appendingPathComponent("tunnelform.state.json").path)
    }

    /// The lock of the local backend over `store`: the keeper writes through it.
    private func lease(_ store: StateStore) async throws -> any StateLease {
        try await LocalStateBackend(path: store.path).lock(command: "test", timeout: .zero, tookOver: { _ in })
    }

    private static func entry(_ id: String) -> PendingOperation {
        PendingOperation(operationId: id, address: ResourceAddress(.customerGateway, id), token: "tf-\(id)", startedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func durableChangeIsOnDiskWhenUpdateReturns() async throws {
        let store = try store()
        let keeper = StateKeeper(state: State(), lease: try await lease(store), coalescingInterval: .seconds(3600))
        try await keeper.update(.coalesced) { $0[ResourceAddress(.customerGateway, "done")] = ResourceState(region: "cn-hangzhou") }
        try await keeper.update(.durable) { $0.pendingOperations.append(Self.entry("op-1")) }
        let onDisk = try store.read()
        #expect(onDisk.pending("op-1") != nil)
        // Everything before the durable change went with it.
        #expect(onDisk[ResourceAddress(.customerGateway, "done")] != nil)
        // One write, one serial.
        #expect(onDisk.serial == 1)
    }

    @Test func coalescedChangesShareWrites() async throws {
        let store = try store()
        let keeper = StateKeeper(state: State(), lease: try await lease(store), coalescingInterval: .seconds(3600))
        for index in 0..<50 {
            try await keeper.update(.coalesced) { $0[ResourceAddress(.customerGateway, "gw-\(index)")] = ResourceState(region: "cn-hangzhou") }
        }
        #expect(await keeper.writeCount == 0)
        #expect(!store.exists)
        try await keeper.flush()
        #expect(await keeper.writeCount == 1)
        #expect(try store.read().resources.count == 50)
        #expect(try store.read().serial == 1)
    }

    @Test func coalescedChangesReachTheDiskByThemselves() async throws {
        let store = try store()
        let keeper = StateKeeper(state: State(), lease: try await lease(store), coalescingInterval: .milliseconds(20))
        try await keeper.update(.coalesced) { $0[ResourceAddress(.customerGateway, "gw")] = ResourceState(region: "cn-hangzhou") }
        for _ in 0..<200 where !store.exists { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try store.read().serial == 1)
    }

    @Test func concurrentDurableChangesAreAllOnDisk() async throws {
        let store = try store()
        let keeper = StateKeeper(state: State(), lease: try await lease(store))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask { try await keeper.update(.durable) { $0.pendingOperations.append(Self.entry("op-\(index)")) } }
            }
            try await group.waitForAll()
        }
        #expect(try store.read().pendingOperations.count == 40)
        #expect(await keeper.writeCount <= 40)
    }

    @Test func unchangedStateIsNotWritten() async throws {
        let store = try store()
        let keeper = StateKeeper(state: State(), lease: try await lease(store))
        try await keeper.replace(with: State())
        try await keeper.flush()
        #expect(!store.exists)
        var changed = State()
        changed[ResourceAddress(.customerGateway, "gw")] = ResourceState(region: "cn-hangzhou")
        try await keeper.replace(with: changed)
        #expect(try store.read().serial == 1)
    }

    /// The serials of the states written, in order.
    private final class RecordingLease: StateLease, @unchecked Sendable {
        private let lock = NSLock()
        private var serials: [Int] = []
        let holder = StateLock.Holder.current(command: "test")

        var written: [Int] { lock.withLock { serials } }

        func write(_ state: EncodedState) async throws {
            try await Task.sleep(for: .milliseconds(2))
            lock.withLock { serials.append(state.state.serial) }
        }
        func release() async {}
        func releaseBeforeExit() {}
    }

    @Test func everyWriteTakesTheNextSerialSoHistoryHasNoGap() async throws {
        let lease = RecordingLease()
        var start = State()
        start.serial = 7
        let keeper = StateKeeper(state: start, lease: lease, coalescingInterval: .milliseconds(1))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<60 {
                group.addTask {
                    try await keeper.update(index % 3 == 0 ? .durable : .coalesced) { $0.pendingOperations.append(Self.entry("op-\(index)")) }
                }
            }
            try await group.waitForAll()
        }
        try await keeper.flush()
        let written = lease.written
        #expect(written == Array(8..<(8 + written.count)), "\(written)")
        #expect(await keeper.state.serial == written.last)
        #expect(await keeper.writeCount == written.count)
    }
}
