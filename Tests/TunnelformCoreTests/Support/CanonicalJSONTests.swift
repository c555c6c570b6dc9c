import Foundation
import Testing
@testable import TunnelformCore

/// Canonical JSON is written through a direct parser of `JSONEncoder`'s output; the files must
/// stay byte for byte what the `Decodable` route wrote, or every state file would show a diff.
@Suite("canonical JSON")
struct CanonicalJSONTests {
    struct Sample: Codable {
        var text: String
        var escapes: String
        var unicode: String
        var integers: [Int]
        var doubles: [Double]
        var flags: [Bool]
        var nothing: String?
        var nested: [String: [String: Int]]
        var date: Date
        var empty: [Int]
        var emptyObject: [String: Int]
    }

    static let sample = Sample(
        text: "plain/with/slashes", escapes: "quote \" backslash \\ newline \n tab \t cr \r bell \u{07} del \u{7F}",
        unicode: "Zürich 東京 🚀", integers: [0, -1, Int(Int32.max), Int.max, Int.min], doubles: [0.5, -2.25, 3, 1e20, 1e-7],
        flags: [true, false], nothing: nil, nested: ["b": ["z": 1, "a": 2], "a": [:], "Ä": ["x": 0]],
        date: Date(timeIntervalSince1970: 1_780_000_000), empty: [], emptyObject: [:])

    /// What `CanonicalJSON.encode` wrote before: `JSONDecoder` into `JSONValue`, then `write`.
    private func decodableRoute<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let tree = try JSONDecoder().decode(JSONValue.self, from: try encoder.encode(value))
        var text = ""
        tree.write(to: &text, indent: "")
        return text + "\n"
    }

    @Test func sameBytesAsTheDecodableRoute() throws {
        #expect(try CanonicalJSON.string(Self.sample) == decodableRoute(Self.sample))
    }

    @Test func stateFileBytesUnchanged() throws {
        var state = State(lineage: "0f8c4d1e-0000-4000-8000-000000000000")
        state.serial = 7
        state[ResourceAddress(.customerGateway, "gw")] = ResourceState(region: "cn-hangzhou")
        state.pendingOperations = [PendingOperation(operationId: "op", address: ResourceAddress(.customerGateway, "gw"), token: "tf-1",
                                                    startedAt: Date(timeIntervalSince1970: 1_780_000_000))]
        #expect(try CanonicalJSON.string(state) == decodableRoute(state))
    }

    @Test(arguments: ["{\"a\": [1, 2.5, \"x\\u00e9\\ud83d\\ude80\", null, true]}", "[]", "\"\\/\\b\\f\"", "-0", "12345678901234567890"])
    func parserAgreesWithJSONDecoder(text: String) throws {
        #expect(try JSONValue(parsing: Array(text.utf8)) == JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"unterminated", "1 2", "\"\\x\""])
    func parserRejectsInvalidJSON(text: String) {
        #expect(throws: (any Error).self) { try JSONValue(parsing: Array(text.utf8)) }
    }
}
