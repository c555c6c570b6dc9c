import Foundation
import Testing
import TunnelformCore

/// Reading a state file that is missing, corrupt, foreign or unreadable: each is a clear failure that
/// names the file and changes nothing; a write replaces the file whole.
@Suite("state store")
struct StateStoreTests {
    private func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tf-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aMissingFileIsANewEmptyState() throws {
        let store = StateStore(path: try folder().appendingPathComponent("tunnelform.state.json").path)
        #expect(try store.read() == State())
        #expect(!store.exists)
    }

    @Test(arguments: [
        ("not json at all", "not JSON"),
        ("{\"serial\": 1}", "no formatVersion"),
        ("{\"formatVersion\": \(State.currentFormatVersion), \"serial\": 1}", "missing lineage"),
    ])
    func aCorruptFileIsRefusedAndKept(text: String, reason: String) throws {
        let path = try folder().appendingPathComponent("tunnelform.state.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try StateStore(path: path).read()
        } throws: { error in
            guard case StateStore.Failure.corrupt(let failedPath, let why) = error else { return false }
            return failedPath == path && why.contains(reason) && "\(error)".contains("nothing was changed")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func aFileOfAnotherFormatVersionIsRefused() throws {
        let path = try folder().appendingPathComponent("tunnelform.state.json").path
        try "{\"formatVersion\": 99, \"serial\": 1}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: StateStore.Failure.unsupportedVersion(path: path, version: 99)) { try StateStore(path: path).read() }
    }

    @Test func anUnreadableFileSaysSo() throws {
        // A folder where the file should be cannot be read as one, even by root.
        let path = try folder().appendingPathComponent("tunnelform.state.json").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        #expect {
            try StateStore(path: path).read()
        } throws: { error in
            if case StateStore.Failure.unreadable(let failedPath, _) = error { return failedPath == path }
            return false
        }
    }

    @Test func aWriteReplacesTheFileWholeAndReadsBack() throws {
        let path = try folder().appendingPathComponent("tunnelform.state.json").path
        var state = State()
        state.serial = 7
        state.lineage = "lineage-1"
        state[ResourceAddress(.customerGateway, "edge")] = ResourceState(region: "cn-shanghai")
        try StateStore(path: path).write(state)
        #expect(try StateStore(path: path).read() == state)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(leftovers == ["tunnelform.state.json"])
    }
}
