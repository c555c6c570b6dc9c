import Foundation
import Testing
import TunnelformCore
import TunnelformTestSupport

/// `device-config --format json` on the alicloud provider: the cloud's `DownloadVpnConnectionConfig`
/// answer, completed from the manifests and state, with `Sources` naming where each value came from.
@Suite("device-config from DownloadVpnConnectionConfig", .serialized)
struct CloudDeviceConfigTests {
    @Test func theCloudsAnswerIsUsedAndEachValueSaysWhereItCameFrom() async throws {
        let emulator = try await EmulatorProcess.start()
        let project = try AliCloudProject(emulator: emulator)
        try project.copyExamples()
        #expect(try await project.run("apply", "--auto-approve").status == 0)

        let outcome = try await project.run("device-config", "VpnConnection/shanghai-dc", "--format", "json")
        #expect(outcome.status == 0, "\(outcome.all)")
        #expect(outcome.stderr.contains("DownloadVpnConnectionConfig"), "\(outcome.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let sources = try #require(document["Sources"] as? [String: String])
        let cloud = "cloud (DownloadVpnConnectionConfig)"
        #expect(sources["VpnConnectionConfig.TunnelsConfig.TunnelConfig[0].TunnelId"] == cloud)
        #expect(sources["VpnConnectionConfig.TunnelsConfig.TunnelConfig[1].IkeConfig.Psk"] == cloud, "the generated key is the cloud's")
        #expect(sources["VpnConnectionConfig.BgpConfigs.BgpConfig[0].PeerAsn"] == cloud)
        #expect(document["Differences"] == nil, "the cloud and the manifests agree right after an apply: \(document)")
        let config = try #require(document["VpnConnectionConfig"] as? [String: Any])
        let tunnels = try #require((config["TunnelsConfig"] as? [String: Any])?["TunnelConfig"] as? [[String: Any]])
        let state = try #require(try project.state()[ResourceAddress(.vpnConnection, "shanghai-dc")]?.connection)
        #expect(tunnels.map { $0["TunnelId"] as? String } == state.tunnels.map(\.id))
        #expect(try await emulator.stats().count("DownloadVpnConnectionConfig") == 1)

        // The console changes tunnel 1's key: the cloud's answer has it, and the difference is listed without the value.
        try await emulator.console(["action": "modifyTunnel", "region": "cn-shanghai", "connectionId": state.id, "tunnel": "1",
                                    "preSharedKey": "Console-Key-0042"])
        let changed = try await project.run("device-config", "VpnConnection/shanghai-dc", "--format", "json")
        let differences = try #require((try JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as? [String: Any])?["Differences"]
            as? [String])
        #expect(differences.contains { $0.contains("TunnelConfig[0].IkeConfig.Psk") && $0.contains("(sensitive)") }, "\(differences)")
        #expect(!differences.joined().contains("Console-Key-0042"))

        let local = try await project.run("device-config", "VpnConnection/shanghai-dc", "--format", "json", "--source", "tunnelform")
        #expect(local.status == 0, "\(local.all)")
        #expect((try JSONSerialization.jsonObject(with: Data(local.stdout.utf8)) as? [String: Any])?["Sources"] == nil)
        #expect(try await emulator.stats().count("DownloadVpnConnectionConfig") == 2)
        #expect(await emulator.stop() == 0)
    }
}
