import Foundation

/// Where the built binaries and the package's files are, for tests that run them as a user would.
public enum BuiltProducts {
    /// The folder holding `tunnelform` and the other executables: the one the test bundle runs from
    /// (or `TUNNELFORM_PRODUCTS`).
    public static let folder: URL = {
        if let override = ProcessInfo.processInfo.environment["TUNNELFORM_PRODUCTS"] {
            return URL(fileURLWithPath: override)
        }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("tunnelform").path) { return url }
        }
        return URL(fileURLWithPath: ".build/debug")
    }()

    public static func executable(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// The package root, for the example manifests and the committed schema.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A new empty temporary folder named `prefix-UUID`.
    public static func temporaryFolder(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
