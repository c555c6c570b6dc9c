import Foundation
import Testing
import TunnelformCore
import TunnelformPostgres
import TunnelformTestSupport

// Against a real PostgreSQL; skipped, with the reason, only where it is not installed.
@Suite(.enabled(if: PostgresServer.unavailableReason == nil, "\(PostgresServer.unavailableReason ?? "")"))
struct PostgresRoundTripTests {
    @Test func writesPullAndHistoryRoundTripByteForByte() async throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend(workspace: "prod")
        #expect(backend.location == "postgres workspace prod")
        let lease = try await backend.lock(command: "tunnelform apply", timeout: .seconds(5), tookOver: { _ in })
        try await lease.write(makeState(serial: 1, records: ["a": "cn-hangzhou"]))
        try await lease.write(makeState(serial: 2, records: ["a": "cn-hangzhou", "b": "cn-shanghai"]))
        // Bytes written elsewhere (state push), not canonical: kept exactly, a NUL-free odd layout.
        let odd = try EncodedState(makeState(serial: 3, records: ["b": "cn-beijing"]))
        let reformatted = Data(String(decoding: odd.bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n   ").utf8)
        try await lease.write(try EncodedState(bytes: reformatted, source: "pushed.json"))
        await lease.release()

        #expect(try await backend.pull() == reformatted)
        #expect(try await backend.read() == odd.state)
        let history = try await backend.history(limit: 10)
        #expect(history.map(\.serial) == [3, 2, 1])
        #expect(history.map(\.lineage) == ["lineage-a", "lineage-a", "lineage-a"])
        #expect(history.map(\.summary) == ["changed CustomerGateway/b; removed CustomerGateway/a", "added CustomerGateway/b",
                                           "added CustomerGateway/a"])
        #expect(history.allSatisfy { $0.holder.holder == "tunnelform apply" && $0.holder.pid == lease.holder.pid
            && $0.holder.host == lease.holder.host && $0.holder.user == lease.holder.user })
        #expect(try await backend.history(limit: 2).map(\.serial) == [3, 2])
        // Every serial is kept as bytes, no gaps.
        #expect(try fixture.sql("SELECT string_agg(serial::text, ',' ORDER BY serial) FROM tunnelform.states") == "1,2,3")
    }

    @Test func aNewLeaseSummarisesAgainstTheHeadWhetherReadOrFetched() async throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend()
        for (serial, records) in [(1, ["a": "cn-hangzhou"]), (2, ["a": "cn-shanghai"]), (3, ["a": "cn-shanghai", "b": "cn-beijing"])] {
            // Serial 3 follows a read (an apply reads right after locking); serial 2 fetches the head itself.
            if serial == 3 { #expect(try await backend.read().serial == 2) }
            let lease = try await backend.acquire(command: "tunnelform apply")
            try await lease.write(makeState(serial: serial, records: records))
            await lease.release()
        }
        #expect(try await backend.history(limit: 5).map(\.summary) == ["added CustomerGateway/b", "changed CustomerGateway/a",
                                                                      "added CustomerGateway/a"])
    }

    @Test func aLargeStateIsKeptExactly() async throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend()
        var records: [String: String] = [:]
        for index in 0..<5_000 { records["gateway-\(index)"] = "cn-hangzhou-\(index % 7)" }
        let big = try EncodedState(makeState(serial: 1, records: records))
        let lease = try await backend.lock(command: "tunnelform apply", timeout: .zero, tookOver: { _ in })
        try await lease.write(big)
        await lease.release()
        #expect(big.bytes.count > 200_000)
        #expect(try await backend.pull() == big.bytes)
        #expect(try fixture.sql("SELECT octet_length(body) FROM tunnelform.states") == "\(big.bytes.count)")
    }

    @Test func journalRowsFollowPendingOperations() async throws {
        let fixture = try PostgresFixture()
        let backend = try fixture.backend()
        let lease = try await backend.lock(command: "tunnelform apply", timeout: .zero, tookOver: { _ in })
        try await lease.write(makeState(serial: 1, pending: [pendingOperation("op-1", "dc1"), pendingOperation("op-2", "dc2")]))
        #expect(try fixture.journal() == ["op-1|VpnConnection/dc1|token-op-1", "op-2|VpnConnection/dc2|token-op-2"])
        try await lease.write(makeState(serial: 2, records: ["a": "cn-hangzhou"], pending: [pendingOperation("op-2", "dc2")]))
        #expect(try fixture.journal() == ["op-2|VpnConnection/dc2|token-op-2"])
        try await lease.write(makeState(serial: 3, records: ["a": "cn-hangzhou"]))
        #expect(try fixture.journal().isEmpty)
        try await lease.write(makeState(serial: 4, records: ["a": "cn-hangzhou"], pending: [pendingOperation("op-3", "dc3")]))
        let fence = try fixture.sql("SELECT fence FROM tunnelform.locks")
        #expect(try fixture.sql("SELECT fence FROM tunnelform.journal") == fence)
        await lease.release()
        // A resumed apply elsewhere reads the journal back from the state and reuses the token.
        let resumed = try await backend.read()
        #expect(resumed.pendingOperations.map(\.token) == ["token-op-3"])
        #expect(try await backend.history(limit: 1).first?.summary == "1 operation in flight")
    }

    @Test func twoWorkspacesInOneDatabaseAreIndependent() async throws {
        let fixture = try PostgresFixture()
        let prod = try fixture.backend(workspace: "prod"), staging = try fixture.backend(workspace: "staging")
        let a = try await prod.lock(command: "tunnelform apply", timeout: .zero, tookOver: { _ in })
        let b = try await staging.lock(command: "tunnelform destroy", timeout: .zero, tookOver: { _ in })
        try await a.write(makeState(lineage: "prod-line", serial: 1, records: ["p": "cn-hangzhou"], pending: [pendingOperation("op-p", "p")]))
        try await b.write(makeState(lineage: "staging-line", serial: 1, records: ["s": "cn-shanghai"]))
        try await b.write(makeState(lineage: "staging-line", serial: 2))
        await a.release()
        await b.release()
        #expect(try await prod.read().lineage == "prod-line")
        #expect(try await staging.read().lineage == "staging-line")
        #expect(try await prod.history(limit: 9).map(\.serial) == [1])
        #expect(try await staging.history(limit: 9).map(\.serial) == [2, 1])
        #expect(try fixture.journal("prod").count == 1)
        #expect(try fixture.journal("staging").isEmpty)
        #expect(try await staging.forceUnlock() == nil)
    }
}
