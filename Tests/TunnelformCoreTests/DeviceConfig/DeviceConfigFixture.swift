import Foundation
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

/// Golden files next to the tests, in `Goldens/`. A missing golden fails; set
/// `TUNNELFORM_RECORD_GOLDENS=1` to (re)write them from the current output.
enum DeviceConfigGolden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    static var recording: Bool { ProcessInfo.processInfo.environment["TUNNELFORM_RECORD_GOLDENS"] == "1" }

    static func check(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden \(url.path); record it with TUNNELFORM_RECORD_GOLDENS=1", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            let got = first < actualLines.count ? String(actualLines[first]) : "<end>"
            let want = first < expectedLines.count ? String(expectedLines[first]) : "<end>"
            Issue.record("\(name) differs from its golden at line \(first + 1): got '\(got)', expected '\(want)'",
                         sourceLocation: sourceLocation)
        }
    }
}
