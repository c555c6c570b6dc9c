import Foundation
import Testing
@testable import TunnelformCore

/// Canonical JSON is written by `CanonicalJSONEncoder`; the files must stay byte for byte what the
/// first route (`JSONEncoder`, `JSONDecoder` into `JSONValue`, then a tree writer) wrote, or every
/// state file would show a diff.
@Suite("canonical JSON")
struct CanonicalJSONTests {
    struct Sample: Codable {
        var text: String
        var escapes: String
        var unicode: String
        var integers: [Int]
        var doubles: [Double]
        var huge: UInt64
        var flags: [Bool]
        var nothing: String?
        var nested: [String: [String: Int]]
        var unsortedKeys: [String: Int]
        var date: Date
        var empty: [Int]
        var emptyObject: [String: Int]
    }

    static let sample = Sample(
        text: "plain/with/slashes", escapes: "quote \" backslash \\ newline \n tab \t cr \r bell \u{07} backspace \u{08} form feed \u{0C} del \u{7F} separator \u{2028}",
        unicode: "Zürich 東京 🚀", integers: [0, -1, Int(Int32.max), Int.max, Int.min], doubles: [0.5, -2.25, 3, 1e20, 1e-7, 0.1, -0.0, 123456789012345.6], huge: UInt64.max,
        flags: [true, false], nothing: nil, nested: ["b": ["z": 1, "a": 2], "a": [:], "Ä": ["x": 0]],
        unsortedKeys: ["b": 1, "B": 2, "é": 3, "e\u{301}x": 4, "a\"q": 5, "a\nb": 6, "Z": 7, "10": 8, "9": 9],
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

    /// The compact layout is the indented one with the whitespace between tokens left out.
    @Test func compactIsIndentedWithoutTheWhitespaceBetweenTokens() throws {
        let indented = try CanonicalJSON.encode(Self.sample)
        var expected: [UInt8] = []
        var inString = false, escaped = false
        for byte in indented.dropLast() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") {
                continue
            }
            expected.append(byte)
        }
        let compact = try CanonicalJSON.encode(Self.sample, layout: .compact)
        #expect(String(decoding: compact, as: UTF8.self) == String(decoding: expected + [UInt8(ascii: "\n")], as: UTF8.self))
        #expect(compact.filter { $0 == UInt8(ascii: "\n") }.count == 1)
        #expect(try JSONValue(parsing: compact) == JSONValue(parsing: indented))
    }

    /// Hand-written `encode(to:)`: nested containers, repeated keys (the last wins), super
    /// encoders and a type that encodes nothing.
    struct Custom: Encodable {
        struct Key: CodingKey, ExpressibleByStringLiteral {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init(stringLiteral value: String) { stringValue = value }
            init?(intValue: Int) { nil }
        }
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(1, forKey: "b")
            try container.encode("two", forKey: "a")
            try container.encode(3, forKey: "b")
            var nested = container.nestedContainer(keyedBy: Key.self, forKey: "nested")
            try nested.encode(Nothing(), forKey: "nothing")
            var list = container.nestedUnkeyedContainer(forKey: "list")
            try list.encode(1.5)
            try list.encodeNil()
            var inner = list.nestedContainer(keyedBy: Key.self)
            try inner.encode(true, forKey: "flag")
            var single = container.superEncoder().singleValueContainer()
            try single.encode("from super")
            var keyed = container.superEncoder(forKey: "parent").container(keyedBy: Key.self)
            try keyed.encode(UInt8(7), forKey: "k")
        }
    }

    @Test func handWrittenEncodingMatchesTheFirstRoute() throws {
        #expect(try CanonicalJSON.string(Custom()) == decodableRoute(Custom()))
        #expect(try CanonicalJSON.string([Custom.Nothing()]) == decodableRoute([Custom.Nothing()]))
    }

    @Test func nonFiniteNumbersAreRefused() {
        #expect(throws: EncodingError.self) { try CanonicalJSON.encode(["x": Double.nan]) }
        #expect(throws: EncodingError.self) { try CanonicalJSON.encode([Float.infinity]) }
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

/// The writer canonical JSON was first defined by, kept as the oracle `CanonicalJSONEncoder` is held to.
private extension JSONValue {
    func write(to text: inout String, indent: String) {
        switch self {
        case .string(let value): Self.quote(value, into: &text)
        case .integer(let value): text += String(value)
        case .double(let value): text += value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .bool(let value): text += value ? "true" : "false"
        case .null: text += "null"
        case .array(let items):
            guard !items.isEmpty else { text += "[]"; return }
            text += "[\n"
            for (index, item) in items.enumerated() {
                text += indent + "  "
                item.write(to: &text, indent: indent + "  ")
                text += index == items.count - 1 ? "\n" : ",\n"
            }
            text += indent + "]"
        case .object(let members):
            guard !members.isEmpty else { text += "{}"; return }
            text += "{\n"
            let keys = members.keys.sorted()
            for (index, key) in keys.enumerated() {
                text += indent + "  "
                Self.quote(key, into: &text)
                text += ": "
                members[key]?.write(to: &text, indent: indent + "  ")
                text += index == keys.count - 1 ? "\n" : ",\n"
            }
            text += indent + "}"
        }
    }

    private static func quote(_ value: String, into text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20: text += String(format: "\\u%04x", scalar.value)
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
