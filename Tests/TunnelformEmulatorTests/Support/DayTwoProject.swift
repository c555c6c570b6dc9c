import Foundation
import TunnelformCore
import TunnelformTestSupport

/// A project for day-2 changes, run through the `tunnelform` binary against either provider: the
/// built-in simulated cloud (kept in the project folder) or `AlibabaProvider` over a
/// `tunnelform-emulator` process. Its manifests are written by the test, one connection file that
/// each step edits.
struct DayTwoProject {
    let kind: ProviderKind
    let folder: URL
    let runner: ToolRunner
    let emulator: EmulatorProcess?

    static func make(_ kind: ProviderKind) async throws -> DayTwoProject {
        switch kind {
        case .simulated:
            let folder = try Products.temporaryFolder("tf-day2")
            return DayTwoProject(kind: kind, folder: folder, runner: ToolRunner(directory: folder), emulator: nil)
        case .alibaba:
            let emulator = try await EmulatorProcess.start(["--delays", "0.1"])
            let project = try AliCloudProject(emulator: emulator)
            return DayTwoProject(kind: kind, folder: project.folder, runner: project.runner, emulator: emulator)
        }
    }

    /// Runs `body` with a new project of `kind`, then stops its emulator whatever happened.
    static func with(_ kind: ProviderKind, _ body: (DayTwoProject) async throws -> Void) async throws {
        let project = try await make(kind)
        do {
            try await body(project)
        } catch {
            await project.stop()
            throw error
        }
        await project.stop()
    }

    var manifests: URL { folder.appendingPathComponent("manifests") }

    /// Writes `text` as `manifests/NAME.yaml` (replacing what was there).
    func write(_ name: String, _ text: String) throws {
        try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        try text.write(to: manifests.appendingPathComponent("\(name).yaml"), atomically: true, encoding: .utf8)
    }

    func remove(_ name: String) throws {
        try FileManager.default.removeItem(at: manifests.appendingPathComponent("\(name).yaml"))
    }

    func run(_ arguments: String...) async throws -> ToolRunner.Outcome { try await runner.run(arguments) }

    /// The keys the cloud holds for each connection's tunnels, read back through `show --json --secrets`.
    func cloudKeys() async throws -> [String: [String]] {
        let shown = try await run("show", "--json", "--secrets")
        guard shown.status == 0 else { throw ShowFailed(output: shown.all) }
        let document = try JSONDecoder().decode(ShownKeys.self, from: Data(shown.stdout.utf8))
        return Dictionary(document.connections.map { ($0.address, $0.tunnels.map(\.preSharedKey)) }, uniquingKeysWith: { a, _ in a })
    }

    func state() throws -> State {
        try StateStore(path: folder.appendingPathComponent("tunnelform.state.json").path).read()
    }

    func stop() async {
        _ = await emulator?.stop()
    }

    /// Two customer gateways with ASNs in cn-shanghai, for BGP connections.
    static let gateways = """
        kind: CustomerGateway
        name: edge-1
        region: cn-shanghai
        ipAddress: 203.0.113.10
        asn: 65010
        ---
        kind: CustomerGateway
        name: edge-2
        region: cn-shanghai
        ipAddress: 203.0.113.11
        asn: 65011

        """

    /// A BGP connection whose keys the cloud generates, with room for edits.
    static func connection(name: String = "dc", extra: String = "", tags: String = "{site: shanghai}", lifetime: Int = 86400,
                           tunnel1Encryption: String = "aes256", tunnelBandwidth: String = "standard") -> String {
        """
        kind: VpnConnection
        name: \(name)
        region: cn-shanghai
        bind:
          currentAccount: {cenId: cen-0123456789abcdef}
        bgp: {enabled: true}
        tunnelBandwidth: \(tunnelBandwidth)
        tags: \(tags)
        \(extra)
        tunnels:
          - customerGateway: edge-1
            ike: {encryption: \(tunnel1Encryption), lifetime: \(lifetime)}
            bgp: {tunnelCidr: 169.254.10.0/30, localIp: 169.254.10.1}
          - customerGateway: edge-2
            ike: {lifetime: \(lifetime)}
            bgp: {tunnelCidr: 169.254.11.0/30, localIp: 169.254.11.1}

        """
    }
}

private struct ShownKeys: Decodable {
    struct Connection: Decodable {
        var address: String
        var tunnels: [Tunnel]
    }

    struct Tunnel: Decodable { var preSharedKey: String }

    var connections: [Connection]
}

struct ShowFailed: Error, CustomStringConvertible {
    var output: String
    var description: String { "tunnelform show failed:\n\(output)" }
}
