import Foundation
import TunnelformTestSupport

/// The CLI tests' golden files, in `Goldens/`.
enum Golden {
    /// Outputs with cloud ids and allocated addresses, which differ per run, replaced by stable markers.
    static let runs = GoldenFiles(folder: folder, normalize: normalize)
    /// Outputs compared exactly.
    static let exact = GoldenFiles(folder: folder)

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Goldens")

    @Sendable static func normalize(_ text: String) -> String {
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
}
