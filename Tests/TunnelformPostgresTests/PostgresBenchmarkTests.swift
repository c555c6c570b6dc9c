import Foundation
import Testing
import TunnelformCore
import TunnelformPostgres
import TunnelformTestSupport

/// Figures, not assertions: with `TUNNELFORM_PG_BENCH=state1.json,state2.json` (states written by
/// `tunnelform-bench generate --applied`), prints the median of lock + write + release and of pull
/// for each, against the test server. Skipped otherwise.
@Suite(.enabled(if: PostgresServer.unavailableReason == nil && ProcessInfo.processInfo.environment["TUNNELFORM_PG_BENCH"] != nil,
                "set TUNNELFORM_PG_BENCH to state files to measure"))
struct PostgresBenchmarkTests {
    @Test func lockWriteReleaseAndPull() async throws {
        let paths = (ProcessInfo.processInfo.environment["TUNNELFORM_PG_BENCH"] ?? "").split(separator: ",").map(String.init)
        let clock = ContinuousClock()
        var lines = ["| state | bytes | first write (lock+write+release) | next writes, median of 5 | pull, median of 5 |", "| --- | --- | --- | --- | --- |"]
        for path in paths {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            var state = try StateStore.decode(bytes, path: path)
            let fixture = try PostgresFixture()
            let backend = try fixture.backend()
            var writes: [Duration] = []
            for run in 0..<6 {
                state.serial += 1
                let encoded = try EncodedState(state)
                let elapsed = try await clock.measure {
                    let lease = try await backend.lock(command: "bench", timeout: .zero, tookOver: { _ in })
                    try await lease.write(encoded)
                    await lease.release()
                }
                writes.append(elapsed)
                _ = run
            }
            var pulls: [Duration] = []
            for _ in 0..<5 { pulls.append(try await clock.measure { _ = try await backend.pull() }) }
            func median(_ values: [Duration]) -> String { "\(values.sorted()[values.count / 2].formatted(.units(allowed: [.milliseconds])))" }
            lines.append("| \(state.resources.count) records | \(bytes.count) | \(writes[0].formatted(.units(allowed: [.milliseconds]))) | \(median(Array(writes.dropFirst()))) | \(median(pulls)) |")
        }
        print(lines.joined(separator: "\n"))
    }
}
