import Foundation
import TunnelformAlibaba

/// Where the built binaries are, and one HTTP transport shared by every test (never shut down: it
/// lives as long as the test process, like a static).
enum Products {
    /// The folder holding `tunnelform` and `tunnelform-emulator`: the one the test bundle runs from.
    static let folder: URL = {
        if let override = ProcessInfo.processInfo.environment["TUNNELFORM_PRODUCTS"] {
            return URL(fileURLWithPath: override)
        }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("tunnelform-emulator").path) { return url }
        }
        return URL(fileURLWithPath: ".build/debug")
    }()

    static func executable(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// The package root, for the example manifests.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let transport = AsyncHTTPClientTransport(connectTimeout: 5, readTimeout: 60)

    /// A new empty temporary folder.
    static func temporaryFolder(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
