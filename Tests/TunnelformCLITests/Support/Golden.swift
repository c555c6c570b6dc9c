import Foundation
import Testing

/// Golden files for rendered output, next to the tests. `TUNNELFORM_RECORD_GOLDENS=1` re-records
/// them; a missing golden fails.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Goldens")

    /// Cloud ids and allocated addresses differ per run; they are replaced by stable markers.
    static func normalize(_ text: String) -> String {
        var result = text
        for (pattern, replacement) in [
            ("(cgw|vco|tun|tr-attach|tr|vtb)-[a-z0-9]{8,}", "$1-…"),
            ("198\\.1[89]\\.[0-9]+\\.[0-9]+", "198.18.x.x"),
            ("\\[[0-9]+s\\]", "[…s]"),
        ] {
            result = result.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return result
    }

    static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        let actual = normalize(text)
        if ProcessInfo.processInfo.environment["TUNNELFORM_RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("golden \(name) is missing: run with TUNNELFORM_RECORD_GOLDENS=1", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "output differs from golden \(name)", sourceLocation: sourceLocation)
    }
}
