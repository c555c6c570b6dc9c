import Foundation
import TunnelformTestSupport
import Testing
import TunnelformCore

/// Device-config inputs built from the example manifests in `manifests/`, with fake tunnel ids,
/// gateway IPs 198.18.0.1 / 198.18.0.2 and fake keys (tunnel 2's has a backslash, to pin escaping).
enum DeviceConfigFixture {
    static let manifestsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("manifests").path

    /// The connections of the three example manifests.
    static let exampleConnections = ["beijing-office", "partner-link", "shanghai-dc"]

    static let model: DesiredModel = ManifestLoader().load(folder: manifestsFolder).model

    static func input(_ connectionName: String) throws -> DeviceConfigInput {
        let connection = try #require(model.connections.first { $0.value.name == connectionName }?.value,
                                      "no connection \(connectionName) in \(manifestsFolder)")
        let gateways = Dictionary(model.customerGateways.map { ($0.value.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        return DeviceConfigInput(connection: connection, customerGateways: gateways, tunnels: endpoints(connectionName))
    }

    static func endpoints(_ name: String) -> [TunnelEndpoint] {
        [
            TunnelEndpoint(index: 1, tunnelId: "tun-\(name)-1", gatewayIp: IPv4Address(0xC612_0001), preSharedKey: "FakeKey1-\(name)"),
            TunnelEndpoint(index: 2, tunnelId: "tun-\(name)-2", gatewayIp: IPv4Address(0xC612_0002), preSharedKey: #"Fake\Key$2"#),
        ]
    }
}

/// The device configurations' golden files, in `Goldens/`.
enum DeviceConfigGolden {
    static let files = GoldenFiles(folder: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens"))
}
