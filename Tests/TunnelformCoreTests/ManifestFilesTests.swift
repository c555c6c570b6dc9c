import Foundation
import Testing
@testable import TunnelformCore

@Suite("ManifestFiles")
struct ManifestFilesTests {
    /// A fresh folder under the temporary directory, removed when `body` returns.
    private func withTemporaryFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tunnelform-manifests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    private func write(_ relativePath: String, in folder: String, _ text: String = "kind: X\n") throws {
        let path = folder + "/" + relativePath
        let parent = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func findsYAMLFilesRecursivelyInSortedOrder() throws {
        try withTemporaryFolder { folder in
            for path in [
                "b.yaml", "a.yml", "sub/c.yaml", "sub/deeper/d.yml", "dir.yaml/e.yaml", "sub.yaml",
                "z.txt", "notes.yaml.bak", "README.md", ".hidden.yaml", ".git/x.yaml", "sub/.cache/y.yml",
            ] {
                try write(path, in: folder)
            }
            let paths = try ManifestFiles(folder: folder).paths()
            #expect(paths == [
                "a.yml", "b.yaml", "dir.yaml/e.yaml", "sub.yaml", "sub/c.yaml", "sub/deeper/d.yml",
            ].map { folder + "/" + $0 })
        }
    }

    @Test func pathsStartWithTheFolderAsGiven() throws {
        try withTemporaryFolder { folder in
            try write("manifests/dc1.yaml", in: folder)
            try write("manifests/sub/x.yml", in: folder)
            let withSlash = try ManifestFiles(folder: folder + "/manifests/").paths()
            #expect(withSlash == [folder + "/manifests/dc1.yaml", folder + "/manifests/sub/x.yml"])
            // Not normalised: the folder string is kept as it was written (no chdir: tests run in parallel).
            let given = folder + "/manifests/../manifests"
            #expect(try ManifestFiles(folder: given).paths() == [given + "/dc1.yaml", given + "/sub/x.yml"])
        }
    }

    @Test func emptyFolderHasNoFiles() throws {
        try withTemporaryFolder { (folder: String) throws in
            #expect(try ManifestFiles(folder: folder).paths().isEmpty)
        }
    }

    @Test func symbolicLinkCycleEnds() throws {
        try withTemporaryFolder { folder in
            try write("sub/a.yaml", in: folder)
            try FileManager.default.createSymbolicLink(atPath: folder + "/sub/loop", withDestinationPath: folder)
            let paths = try ManifestFiles(folder: folder).paths()
            #expect(paths == [folder + "/sub/a.yaml"])
        }
    }

    @Test func missingFolderIsAnError() throws {
        try withTemporaryFolder { folder in
            let missing = folder + "/nope"
            #expect(throws: ManifestFilesError.folderNotFound(missing)) {
                try ManifestFiles(folder: missing).paths()
            }
            let error = ManifestFilesError.folderNotFound(missing)
            #expect(error.message == "manifest folder '\(missing)' does not exist")
            #expect(error.diagnostic.severity == .error)
        }
    }

    @Test func fileIsNotAFolder() throws {
        try withTemporaryFolder { folder in
            try write("a.yaml", in: folder)
            #expect(throws: ManifestFilesError.notAFolder(folder + "/a.yaml")) {
                try ManifestFiles(folder: folder + "/a.yaml").paths()
            }
        }
    }

    @Test func readBytesReturnsTheContent() throws {
        try withTemporaryFolder { folder in
            try write("a.yaml", in: folder, "kind: Café\n")
            let bytes = try ManifestFiles.readBytes(path: folder + "/a.yaml")
            #expect(bytes == Array("kind: Café\n".utf8))
        }
    }

    @Test func readBytesChecksTheSizeFirst() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/big.yaml"
            try write("big.yaml", in: folder, String(repeating: "#", count: 100))
            #expect(throws: ManifestFilesError.fileTooLarge(path, size: 100, limit: 99)) {
                try ManifestFiles.readBytes(path: path, maxBytes: 99)
            }
            #expect(try ManifestFiles.readBytes(path: path, maxBytes: 100).count == 100)
            let error = ManifestFilesError.fileTooLarge(path, size: 100, limit: 99)
            #expect(error.diagnostic.location == SourceLocation(file: path, line: 1, column: 1))
            #expect(error.message == "file is 100 bytes, over the limit of 99 bytes")
        }
    }

    @Test func readBytesOfAMissingFileIsAnError() throws {
        try withTemporaryFolder { folder in
            do {
                _ = try ManifestFiles.readBytes(path: folder + "/nope.yaml")
                Issue.record("expected an error")
            } catch let error as ManifestFilesError {
                guard case .unreadable(let path, let reason) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(path == folder + "/nope.yaml")
                #expect(!reason.isEmpty)
                #expect(error.message.hasPrefix("cannot read '\(path)': "))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}
