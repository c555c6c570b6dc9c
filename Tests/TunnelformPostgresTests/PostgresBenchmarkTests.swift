import Foundation
import Testing
import TunnelformCore
import TunnelformPostgres
import TunnelformTestSupport

/// Figures, not assertions: with `TUNNELFORM_PG_BENCH=state1.json,state2.json` (states written by
/// `tunnelform-bench generate --applied`), prints the median of lock + write + release and of pull
/// for each, against the test server, and the same cycle on the local state file in the same run.
/// Skipped otherwise.
@Suite(.enabled(if: PostgresServer.unavailableReason == nil && ProcessInfo.processInfo.environment["TUNNELFORM_PG_BENCH"] != nil,
                "set TUNNELFORM_PG_BENCH to state files to measure"))
struct PostgresBenchmarkTests {
    @Test func lockWriteReleaseAndPull() async throws {
        let paths = (ProcessInfo.processInfo.environment["TUNNELFORM_PG_BENCH"] ?? "").split(separator: ",").map(String.init)
        let clock = ContinuousClock()
        var lines = ["| state | bytes | first write | write, head fetched | write after read() (an apply) | pull | local file: lock + write + release | local file: pull |",
                     "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        for path in paths {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            var state = try StateStore.decode(bytes, path: path)
            let fixture = try PostgresFixture()
            let backend = try fixture.backend()
            /// One lock + write + release of the next serial.
            func cycle() async throws -> Duration {
                state.serial += 1
                let encoded = try EncodedState(state)
                return try await clock.measure {
                    let lease = try await backend.lock(command: "bench", timeout: .zero, tookOver: { _ in })
                    try await lease.write(encoded)
                    await lease.release()
                }
            }
            let first = try await cycle()
            var fetched: [Duration] = [], afterRead: [Duration] = [], pulls: [Duration] = []
            for _ in 0..<5 { fetched.append(try await cycle()) }
            for _ in 0..<5 {
                _ = try await backend.read()
                afterRead.append(try await cycle())
            }
            for _ in 0..<5 { pulls.append(try await clock.measure { _ = try await backend.pull() }) }
            // The same cycle on the local state file (atomic rename, lock file beside it).
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tf-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let local = LocalStateBackend(path: folder.appendingPathComponent("tunnelform.state.json").path)
            var localCycles: [Duration] = [], localPulls: [Duration] = []
            for _ in 0..<5 {
                state.serial += 1
                let encoded = try EncodedState(state)
                localCycles.append(try await clock.measure {
                    let lease = try await local.lock(command: "bench", timeout: .zero, tookOver: { _ in })
                    try await lease.write(encoded)
                    await lease.release()
                })
            }
            for _ in 0..<5 { localPulls.append(try await clock.measure { _ = try await local.pull() }) }
            func ms(_ value: Duration) -> String { value.formatted(.units(allowed: [.milliseconds])) }
            func median(_ values: [Duration]) -> String { ms(values.sorted()[values.count / 2]) }
            lines.append("| \(state.resources.count) records | \(bytes.count) | \(ms(first)) | \(median(fetched)) | \(median(afterRead)) | \(median(pulls)) | \(median(localCycles)) | \(median(localPulls)) |")
        }
        print(lines.joined(separator: "\n"))
    }
}
