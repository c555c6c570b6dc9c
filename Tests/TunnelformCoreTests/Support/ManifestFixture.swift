import Foundation
import TunnelformCore

/// A temporary manifests folder built from YAML text, loaded the way the CLI loads it.
///
/// A `⟪` in the text marks where a diagnostic is expected: it is removed before writing, and
/// its line and column become `expectedLocation`.
struct ManifestFixture {
    static let marker: Character = "⟪"

    /// A valid project: two gateways and a BGP connection using both.
    static let base = """
        kind: CustomerGateway
        name: gw-a
        region: cn-hangzhou
        ipAddress: 203.0.113.10
        asn: 65010
        ---
        kind: CustomerGateway
        name: gw-b
        region: cn-hangzhou
        ipAddress: 203.0.113.11
        asn: 65011
        ---
        kind: VpnConnection
        name: conn
        region: cn-hangzhou
        bind:
          currentAccount: {cenId: cen-0123456789abcdef}
        bgp: {enabled: true}
        tunnels:
          - customerGateway: gw-a
            bgp: {tunnelCidr: 169.254.10.0/30, localIp: 169.254.10.1}
          - customerGateway: gw-b
            bgp: {tunnelCidr: 169.254.11.0/30, localIp: 169.254.11.1}

        """

    let folder: URL
    let file: String
    let expectedLocation: SourceLocation?

    /// Writes `text` as `main.yaml` in a new temporary folder, plus any extra files.
    init(_ text: String, extraFiles: [String: String] = [:]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tf-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        file = folder.path + "/main.yaml"
        var location: SourceLocation?
        var clean = ""
        var line = 1, column = 1
        for character in text {
            if character == Self.marker {
                location = SourceLocation(file: file, line: line, column: column)
                continue
            }
            clean.append(character)
            if character == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        expectedLocation = location
        try clean.write(toFile: file, atomically: true, encoding: .utf8)
        for (name, content) in extraFiles {
            try content.write(toFile: folder.path + "/" + name, atomically: true, encoding: .utf8)
        }
    }

    /// The base project with each `(old, new)` replacement applied once; `new` may hold the marker.
    static func editing(_ replacements: [(String, String)], appending extra: String = "") throws -> ManifestFixture {
        var text = base
        for (old, new) in replacements {
            guard let range = text.range(of: old) else { throw FixtureError.missing(old) }
            text.replaceSubrange(range, with: new)
        }
        return try ManifestFixture(text + extra)
    }

    enum FixtureError: Error { case missing(String) }

    /// Loads, validates and resolves secrets, as `tunnelform validate` does.
    func diagnostics(environment: [String: String] = [:]) -> [Diagnostic] {
        ManifestCheck.run(folder: folder.path, resolver: SecretResolver(environment: environment)).diagnostics
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
