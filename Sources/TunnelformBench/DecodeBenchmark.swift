import Foundation
import TunnelformCore
import TunnelformSimulator

/// Times reading a project's state file with Foundation's `JSONDecoder` (the baseline) and with
/// `JSONTapeDecoder` (what `tunnelform` uses), alternating the two in one run so that a busy
/// machine slows both alike, and checks that they decode the same value. Also times loading the
/// simulated cloud, which only the tape decoder reads.
public struct DecodeBenchmark: Sendable {
    public struct Report: Sendable, CustomStringConvertible {
        public var stateBytes: Int
        public var foundation: Duration
        public var tape: Duration
        public var simulatedCloud: Duration?
        /// `CanonicalJSON.encode` of the decoded state: what every state write costs.
        public var encode: Duration
        public var sameValue: Bool

        public var description: String {
            let megabytes = Double(stateBytes) / 1_000_000
            let ratio = foundation / tape
            var text = String(format: "decode state (%.1f MB): JSONDecoder %@, JSONTapeDecoder %@ (%.1f× faster)%@",
                              megabytes, Self.milliseconds(foundation), Self.milliseconds(tape), ratio,
                              sameValue ? ", same value" : ", DIFFERENT VALUES")
            if let simulatedCloud { text += "; load simulated cloud " + Self.milliseconds(simulatedCloud) }
            text += "; encode state " + Self.milliseconds(encode)
            return text
        }

        static func milliseconds(_ duration: Duration) -> String {
            String(format: "%.0f ms", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
        }
    }

    public var runs: Int

    public init(runs: Int = 5) { self.runs = max(1, runs) }

    /// Medians over `runs` alternating runs, in the project whose root is the current directory.
    public func run(statePath: String = "tunnelform.state.json", cloudPath: String = SimulatedCloud.defaultFile) throws -> Report {
        let data = try Data(contentsOf: URL(fileURLWithPath: statePath))
        let foundation = JSONDecoder()
        foundation.dateDecodingStrategy = .iso8601
        let clock = ContinuousClock()
        var foundationTimes: [Duration] = [], tapeTimes: [Duration] = [], cloudTimes: [Duration] = [], encodeTimes: [Duration] = []
        var sameValue = true
        for _ in 0..<runs {
            var viaFoundation: State?
            foundationTimes.append(try clock.measure { viaFoundation = try foundation.decode(State.self, from: data) })
            var viaTape: State?
            tapeTimes.append(try clock.measure { viaTape = try CanonicalJSON.decode(State.self, from: data) })
            sameValue = sameValue && viaFoundation == viaTape
            if let viaTape { encodeTimes.append(try clock.measure { _ = try CanonicalJSON.encode(viaTape) }) }
            if FileManager.default.fileExists(atPath: cloudPath) {
                cloudTimes.append(try clock.measure { _ = try SimulatedCloud(contentsOf: cloudPath) })
            }
        }
        return Report(stateBytes: data.count, foundation: Self.median(foundationTimes), tape: Self.median(tapeTimes),
                      simulatedCloud: cloudTimes.isEmpty ? nil : Self.median(cloudTimes), encode: Self.median(encodeTimes),
                      sameValue: sameValue)
    }

    private static func median(_ durations: [Duration]) -> Duration { durations.sorted()[durations.count / 2] }
}
