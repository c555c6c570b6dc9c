import Foundation
import Testing
import TunnelformTestSupport

/// `tunnelform device-config`, run as a process against the example manifests applied to the
/// simulated cloud. Tunnel ids, gateway IPs and generated keys differ per run: the goldens hold
/// placeholders for them, filled from what `show --json --secrets` reports.
@Suite("tunnelform device-config, run as a process")
struct DeviceConfigCommandTests {
    static let address = "VpnConnection/shanghai-dc"

    @Test(arguments: [("strongswan", "shanghai-dc.strongswan.txt"), ("json", "shanghai-dc.json")])
    func goldenOutput(_ format: String, _ golden: String) throws {
        let project = try AppliedProject.make()
        let outcome = try project.run(["device-config", Self.address, "--format", format])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.isEmpty, "\(outcome.stderr)")
        let tunnels = try project.tunnels(Self.address)
        #expect(tunnels.count == 2)
        #expect(tunnels.allSatisfy { $0.gatewayIp != nil })
        // Tunnel 2 of shanghai-dc has no preSharedKey in the manifest: the cloud generated it.
        try Golden.exact.check(project.normalised(outcome.stdout, tunnels: tunnels, generatedKeys: [2]), golden)
    }

    @Test func jsonIsTheDownloadConfigShape() throws {
        let project = try AppliedProject.make()
        let outcome = try project.run(["device-config", Self.address, "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        let config = try #require(document?["VpnConnectionConfig"] as? [String: Any])
        let tunnels = try #require((config["TunnelsConfig"] as? [String: Any])?["TunnelConfig"] as? [[String: Any]])
        #expect(tunnels.count == 2)
        let shown = try project.tunnels(Self.address)
        #expect(config["Remote"] as? String == shown[0].gatewayIp)
        #expect(config["Local"] as? String == "203.0.113.10")
        let bgp = (config["BgpConfigs"] as? [String: Any])?["BgpConfig"] as? [[String: Any]]
        #expect(bgp?.count == 2)
    }

    @Test func outputFilesArePrivate() throws {
        let project = try AppliedProject.make()
        let printed = try project.run(["device-config", Self.address])
        let outcome = try project.run(["device-config", Self.address, "--format", "strongswan", "--output", "out/swanctl.conf"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("out/swanctl.conf.frr.conf"))
        let swanctl = project.folder.appendingPathComponent("out/swanctl.conf").path
        let frr = swanctl + ".frr.conf"
        for path in [swanctl, frr] {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(path)")
        }
        let swanctlText = try String(contentsOfFile: swanctl, encoding: .utf8)
        let frrText = try String(contentsOfFile: frr, encoding: .utf8)
        #expect(swanctlText.contains("connections {"))
        #expect(!swanctlText.contains("router bgp"))
        #expect(frrText.hasPrefix("! FRR bgpd"))
        #expect(frrText.contains("router bgp 65010"))
        // Printed, the two files follow each other with a blank line between them.
        #expect(printed.stdout == swanctlText + "\n" + frrText)

        let json = try project.run(["device-config", Self.address, "--format", "json", "--output", "config.json"])
        #expect(json.status == 0, "\(json.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: project.folder.appendingPathComponent("config.json").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(!FileManager.default.fileExists(atPath: project.folder.appendingPathComponent("config.json.frr.conf").path))
    }

    /// The point of device-config is to hand out the keys; no other command may print them.
    @Test func keysAppearInDeviceConfigOnly() throws {
        let project = try AppliedProject.make()
        let generated = try #require(try project.tunnels(Self.address).last?.preSharedKey)
        let keys = [AppliedProject.shanghaiManifestKey, generated]
        for format in ["strongswan", "json"] {
            let outcome = try project.run(["device-config", Self.address, "--format", format])
            #expect(outcome.status == 0)
            for key in keys { #expect(outcome.stdout.contains(key), "\(format) output lacks a key") }
            for key in keys { #expect(!outcome.stderr.contains(key)) }
        }
        let others: [(String, BinaryRunner.Outcome)] = [
            ("apply", project.apply),
            ("plan", try project.run(["plan"])),
            ("plan --json", try project.run(["plan", "--json"])),
            ("apply again", try project.run(["apply", "--auto-approve"])),
            ("show", try project.run(["show"])),
            ("show ADDR", try project.run(["show", Self.address])),
            ("show --json", try project.run(["show", "--json"])),
        ]
        for (label, outcome) in others {
            #expect(outcome.status == 0, "\(label): \(outcome.stderr)")
            for key in keys { #expect(!outcome.all.contains(key), "\(label) printed a pre-shared key") }
        }
        let state = try String(contentsOf: project.folder.appendingPathComponent("tunnelform.state.json"), encoding: .utf8)
        for key in keys { #expect(!state.contains(key), "the state holds a pre-shared key") }
    }

    @Test func unknownAddressSuggestsTheNearest() throws {
        let project = try AppliedProject.make(apply: false)
        let outcome = try project.run(["device-config", "VpnConnection/shanghai-d"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("VpnConnection/shanghai-d is not declared in the manifests (did you mean 'VpnConnection/shanghai-dc'?)"),
                "\(outcome.stderr)")
        let gateway = try project.run(["device-config", "CustomerGateway/shanghai-edge-1"])
        #expect(gateway.status == 1)
        #expect(gateway.stderr.contains("CustomerGateway/shanghai-edge-1 is not a connection address: use VpnConnection/NAME"),
                "\(gateway.stderr)")
    }

    @Test func unappliedConnectionSaysToApplyFirst() throws {
        let project = try AppliedProject.make(apply: false)
        let outcome = try project.run(["device-config", Self.address])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("VpnConnection/shanghai-dc has not been applied yet: run `tunnelform apply` first"),
                "\(outcome.stderr)")
    }

    /// A cross-account connection has no gateway IPs until its CEN owner attaches it.
    @Test func connectionWithoutGatewayIPsSaysToApplyFirst() throws {
        let project = try AppliedProject.make()
        let outcome = try project.run(["device-config", "VpnConnection/partner-link"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("VpnConnection/partner-link has no gateway IP for tunnel 1 yet"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("run `tunnelform apply` first"))
    }

    /// The configuration follows the manifests; a key changed since the last apply is said to differ.
    @Test func keyChangedSinceApplyWarns() throws {
        let project = try AppliedProject.make()
        try "changed-Key-1\n".write(to: project.folder.appendingPathComponent("manifests/keys/shanghai-dc-tunnel1.psk"),
                                    atomically: true, encoding: .utf8)
        let outcome = try project.run(["device-config", Self.address])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains(#"secret = "changed-Key-1""#))
        #expect(outcome.stderr.contains("Warning: the pre-shared key {file: keys/shanghai-dc-tunnel1.psk} of tunnel 1 is not the one last applied"),
                "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("changed-Key-1"))
    }

    @Test(arguments: ["device-config", "lab"])
    func helpShowsAnExample(_ command: String) throws {
        let outcome = try BinaryRunner(directory: BinaryRunner.packageRoot).run([command, "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Example:"))
        #expect(outcome.stdout.contains("tunnelform \(command) VpnConnection/shanghai-dc"))
        if command == "device-config" { #expect(outcome.stdout.contains("FILE.frr.conf")) }
        if command == "lab" { #expect(outcome.stdout.contains("apt-get install")) }
    }
}
