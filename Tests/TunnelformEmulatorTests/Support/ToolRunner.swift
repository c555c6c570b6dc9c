import Foundation
import TunnelformTestSupport

/// Runs the built `tunnelform` binary in a project folder, capturing status and output, with the
/// Alibaba Cloud variables of the test's own environment removed and `HOME` set to the project.
struct ToolRunner {
    typealias Outcome = ProcessOutcome

    var directory: URL
    var environment: [String: String] = [:]

    /// Runs off the cooperative pool, so a long apply does not hold one of its few threads.
    func run(_ arguments: [String]) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(arguments) })
            }
        }
    }

    private func runBlocking(_ arguments: [String]) throws -> Outcome {
        var env = ProcessInfo.processInfo.environment
        for name in env.keys where name.hasPrefix("ALIBABA_CLOUD_") || name.hasPrefix("ALICLOUD_") || name.hasPrefix("ALIBABACLOUD_") {
            env[name] = nil
        }
        env["NO_COLOR"] = "1"
        env["HOME"] = directory.path
        for (key, value) in environment { env[key] = value }
        return try ProcessRun.run(Products.executable("tunnelform"), arguments, in: directory, environment: env)
    }
}
