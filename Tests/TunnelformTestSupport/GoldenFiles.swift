import Foundation
import Testing

/// Golden files of rendered output, in a folder next to the tests that use them. A missing golden
/// fails; `TUNNELFORM_RECORD_GOLDENS=1` (re)writes them from the current output. A difference is
/// reported at its first differing line.
public struct GoldenFiles: Sendable {
    public let folder: URL
    /// Applied to the output before it is compared or recorded (cloud ids differ per run).
    public var normalize: @Sendable (String) -> String

    public init(folder: URL, normalize: @escaping @Sendable (String) -> String = { $0 }) {
        self.folder = folder
        self.normalize = normalize
    }

    public static var recording: Bool { ProcessInfo.processInfo.environment["TUNNELFORM_RECORD_GOLDENS"] == "1" }

    public func check(_ output: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        let actual = normalize(output)
        if Self.recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden \(url.path); record it with TUNNELFORM_RECORD_GOLDENS=1", sourceLocation: sourceLocation)
            return
        }
        guard actual != expected else { return }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actualLines.count, expectedLines.count)
        let got = first < actualLines.count ? String(actualLines[first]) : "<end>"
        let want = first < expectedLines.count ? String(expectedLines[first]) : "<end>"
        Issue.record("\(name) differs from its golden at line \(first + 1): got '\(got)', expected '\(want)'", sourceLocation: sourceLocation)
    }
}
