import ArgumentParser
import Foundation

/// `--lock-timeout`: how long a command that writes the state waits for another holder of the lock.
struct LockOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Wait up to this long for the state lock (e.g. 30s, 5m); 0s fails at once with the holder's details.",
                               valueName: "DURATION"))
    var lockTimeout = "0s"

    func validate() throws { _ = try timeout() }

    /// The timeout, or a usage error naming the accepted forms.
    func timeout() throws -> Duration {
        let text = lockTimeout.trimmingCharacters(in: .whitespaces)
        let units: [(suffix: String, seconds: Int64)] = [("ms", 0), ("s", 1), ("m", 60), ("h", 3600)]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let value = Int64(text.dropLast(unit.suffix.count)), value >= 0 else { break }
            return unit.suffix == "ms" ? .milliseconds(value) : .seconds(value * unit.seconds)
        }
        if let value = Int64(text), value >= 0 { return .seconds(value) }
        throw ValidationError("--lock-timeout \(lockTimeout) is not a duration: use e.g. 60s, 5m or 500ms")
    }
}
