import Foundation
import TunnelformTestSupport

/// Runs the built `tunnelform` binaries as a user would, capturing exit status and output.
struct BinaryRunner {
    typealias Outcome = ProcessOutcome

    static var productsFolder: URL { BuiltProducts.folder }
    /// The package root, for the example manifests and the committed schema.
    static var packageRoot: URL { BuiltProducts.packageRoot }

    var executable = "tunnelform"
    var directory: URL
    var environment: [String: String] = [:]

    /// Runs the binary with `arguments`; `NO_COLOR` is set so output is plain.
    func run(_ arguments: [String], input: String? = nil) throws -> Outcome {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        return try ProcessRun.run(BuiltProducts.executable(executable), arguments, in: directory, environment: env, input: input)
    }

    /// A new empty temporary folder.
    static func temporaryFolder() throws -> URL { try BuiltProducts.temporaryFolder("tf-cli") }

    /// Copies the example manifests into `folder/manifests`.
    static func copyExamples(to folder: URL) throws {
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("manifests"),
                                         to: folder.appendingPathComponent("manifests"))
    }
}
