import Foundation
import TunnelformTestSupport

/// Runs the built `tunnelform` binary in a project folder, capturing status and output, with the
/// Alibaba Cloud variables of the test's own environment removed and `HOME` set to the project.
struct ToolRunner {
    typealias Outcome = ProcessOutcome

    var directory: URL
    var environment: [String: String] = [:]

    /// Suspends while the binary runs, so a long apply does not hold one of the cooperative pool's few threads.
    func run(_ arguments: [String]) async throws -> Outcome {
        var env = ProcessInfo.processInfo.environment
        for name in env.keys where name.hasPrefix("ALIBABA_CLOUD_") || name.hasPrefix("ALICLOUD_") || name.hasPrefix("ALIBABACLOUD_") {
            env[name] = nil
        }
        env["NO_COLOR"] = "1"
        env["HOME"] = directory.path
        for (key, value) in environment { env[key] = value }
        return try await ProcessRun.outcome(of: Products.executable("tunnelform"), arguments, in: directory, environment: env)
    }
}
