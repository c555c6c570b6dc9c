import Foundation
import Testing
import TunnelformTestSupport

/// A temporary project holding the example manifests, applied (`apply --auto-approve`) to the
/// built-in simulated cloud, with what `show --json --secrets` says about its tunnels.
struct AppliedProject {
    /// The manifest's key of shanghai-dc tunnel 1 (`manifests/keys/shanghai-dc-tunnel1.psk`).
    static let shanghaiManifestKey = "demo-Only_Key+2026!"

    var folder: URL
    var runner: BinaryRunner
    /// What `apply --auto-approve` printed.
    var apply: BinaryRunner.Outcome

    /// One tunnel as `show --json --secrets` reports it.
    struct ShownTunnel: Decodable {
        var tunnel: Int
        var id: String
        var gatewayIp: String?
        var preSharedKey: String
    }

    private struct ShowDocument: Decodable {
        struct Connection: Decodable {
            var address: String
            var tunnels: [ShownTunnel]
        }
        var connections: [Connection]
    }

    /// Copies the examples into a new folder and, unless `apply` is false, applies them.
    static func make(apply: Bool = true) throws -> AppliedProject {
        let folder = try BinaryRunner.temporaryFolder()
        try BinaryRunner.copyExamples(to: folder)
        let runner = BinaryRunner(directory: folder)
        guard apply else { return AppliedProject(folder: folder, runner: runner, apply: .init(status: 0, stdout: "", stderr: "")) }
        let outcome = try runner.run(["apply", "--auto-approve"])
        try #require(outcome.status == 0, "apply failed: \(outcome.all)")
        return AppliedProject(folder: folder, runner: runner, apply: outcome)
    }

    func run(_ arguments: [String]) throws -> BinaryRunner.Outcome { try runner.run(arguments) }

    /// The tunnels of `address`, keys revealed, in tunnel order.
    func tunnels(_ address: String) throws -> [ShownTunnel] {
        let outcome = try run(["show", address, "--json", "--secrets"])
        try #require(outcome.status == 0, "show failed: \(outcome.all)")
        let document = try JSONDecoder().decode(ShowDocument.self, from: Data(outcome.stdout.utf8))
        let connection = try #require(document.connections.first { $0.address == address })
        return connection.tunnels.sorted { $0.tunnel < $1.tunnel }
    }

    /// `text` with every tunnel's id, gateway IP and cloud-generated key replaced by a
    /// placeholder naming it, so output can be compared with a golden file across runs.
    /// Declared keys (committed demo keys) stay as they are.
    func normalised(_ text: String, tunnels: [ShownTunnel], generatedKeys: Set<Int>) -> String {
        var result = text
        for tunnel in tunnels {
            result = result.replacingOccurrences(of: tunnel.id, with: "<tunnel-\(tunnel.tunnel)-id>")
            if let ip = tunnel.gatewayIp {
                // Whole addresses only: 198.18.1.2 must not match inside 198.18.1.23.
                let pattern = "(?<![0-9.])" + NSRegularExpression.escapedPattern(for: ip) + "(?![0-9])"
                result = result.replacingOccurrences(of: pattern, with: "<tunnel-\(tunnel.tunnel)-gateway-ip>",
                                                     options: .regularExpression)
            }
            if generatedKeys.contains(tunnel.tunnel) {
                result = result.replacingOccurrences(of: tunnel.preSharedKey, with: "<tunnel-\(tunnel.tunnel)-generated-key>")
            }
        }
        return result
    }
}
