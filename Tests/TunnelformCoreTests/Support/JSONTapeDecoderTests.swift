import Foundation
import Testing
@testable import TunnelformCore

/// `JSONTapeDecoder` replaces `JSONDecoder` for every file Tunnelform reads: it must give the same
/// values for what `JSONEncoder` writes, and refuse what `JSONDecoder` refuses, with a coding path.
@Suite("JSON tape decoder")
struct JSONTapeDecoderTests {
    enum Color: String, Codable { case red, green }

    struct Sample: Codable, Equatable {
        var text: String
        var escapes: String
        var unicode: String
        var integers: [Int]
        var small: [Int8]
        var unsigned: [UInt64]
        var doubles: [Double]
        var flags: [Bool]
        var missing: String?
        var null: Int?
        var present: Int?
        var nested: [String: [String: Int]]
        var colors: [Color]
        var date: Date
        var data: Data
        var empty: [Int]
        var emptyObject: [String: Int]
        var matrix: [[Int]]
        var optionals: [Int?]
    }

    static let sample = Sample(
        text: "plain/with/slashes", escapes: "quote \" backslash \\ newline \n tab \t cr \r bell \u{07} del \u{7F}",
        unicode: "Zürich 東京 🚀", integers: [0, -1, Int(Int32.max), Int.max, Int.min], small: [-128, 127],
        unsigned: [0, UInt64.max], doubles: [0.5, -2.25, 3, 1e20, 1e-7, 0.1], flags: [true, false],
        missing: nil, null: nil, present: 7, nested: ["b": ["z": 1, "a": 2], "a": [:], "Ä": ["x": 0]],
        colors: [.red, .green], date: Date(timeIntervalSince1970: 1_780_000_000), data: Data([0, 1, 254, 255]),
        empty: [], emptyObject: [:], matrix: [[1, 2], [], [3]], optionals: [1, nil, 3])

    private func encoded<T: Encodable>(_ value: T, iso8601: Bool) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        if iso8601 { encoder.dateEncodingStrategy = .iso8601 }
        return try encoder.encode(value)
    }

    @Test func decodesWhatJSONEncoderWrites() throws {
        let deferred = try JSONTapeDecoder().decode(Sample.self, from: encoded(Self.sample, iso8601: false))
        #expect(deferred == Self.sample)
        let iso = try JSONTapeDecoder(dates: .iso8601).decode(Sample.self, from: encoded(Self.sample, iso8601: true))
        #expect(iso == Self.sample)
    }

    @Test func agreesWithJSONDecoderOnAStateFile() throws {
        var state = State(lineage: "0f8c4d1e-0000-4000-8000-000000000000")
        state.serial = 12
        let gateway = CustomerGateway(name: "edge", region: "cn-hangzhou", ipAddress: IPv4Address("203.0.113.9")!,
                                      description: "Edge \"one\"", tags: ["team": "net"])
        state[ResourceAddress(.customerGateway, "edge")] = ResourceState(
            region: "cn-hangzhou", customerGateway: CustomerGatewayRecord(id: "cgw-1", applied: gateway, authKeyDigest: nil),
            deposed: [.customerGateway(id: "cgw-0")])
        state.pendingOperations = [PendingOperation(operationId: "op", address: ResourceAddress(.customerGateway, "edge"), token: "tf-1",
                                                    startedAt: Date(timeIntervalSince1970: 1_780_000_000))]
        let data = try CanonicalJSON.encode(state)
        let foundation = JSONDecoder()
        foundation.dateDecodingStrategy = .iso8601
        #expect(try CanonicalJSON.decode(State.self, from: data) == foundation.decode(State.self, from: data))
    }

    /// Thousands of members read in document order and in reverse (the lookup wraps around).
    @Test func largeObjectsInAnyOrder() throws {
        let members = Dictionary(uniqueKeysWithValues: (0..<3000).map { ("key-\($0)", $0) })
        let data = try encoded(members, iso8601: false)
        #expect(try JSONTapeDecoder().decode([String: Int].self, from: data) == members)

        struct Reversed: Decodable {
            var values: [Int]
            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Key.self)
                values = try (0..<3000).reversed().map { try container.decode(Int.self, forKey: Key(stringValue: "key-\($0)")) }
            }
        }
        #expect(try JSONTapeDecoder().decode(Reversed.self, from: data).values == Array((0..<3000).reversed()))
    }

    /// The scan skips plain string bytes eight at a time: a quote, an escape or a control
    /// character must be found at every position of a word, after any number of plain bytes.
    @Test func specialBytesAreFoundAtEveryPosition() throws {
        for length in 0..<20 {
            for position in 0...length {
                let plain = String(repeating: "a", count: position), rest = String(repeating: "é", count: (length - position) / 2)
                #expect(try JSONTapeDecoder().decode(String.self, from: Data("\"\(plain)\\n\(rest)\"".utf8)) == plain + "\n" + rest)
                #expect(try JSONTapeDecoder().decode([String].self, from: Data("[\"\(plain)\",\"\(rest)\"]".utf8)) == [plain, rest])
                #expect(throws: DecodingError.self) { try JSONTapeDecoder().decode(String.self, from: Data("\"\(plain)\u{1F}\(rest)\"".utf8)) }
            }
        }
    }

    @Test func escapedKeysMatch() throws {
        struct Pair: Decodable, Equatable { var ab: Int; var cd: String }
        let text = #"{"a\u0062": 1, "c\u0064": "x\/y"}"#
        #expect(try JSONTapeDecoder().decode(Pair.self, from: Data(text.utf8)) == Pair(ab: 1, cd: "x/y"))
    }

    @Test func missingKeyNamesThePath() throws {
        struct Inner: Decodable { var id: String }
        struct Outer: Decodable { var items: [String: [Inner]] }
        let text = #"{"items": {"first": [{"id": "a"}, {"name": "b"}]}}"#
        do {
            _ = try JSONTapeDecoder().decode(Outer.self, from: Data(text.utf8))
            Issue.record("decoded an object without its id")
        } catch DecodingError.keyNotFound(let key, let context) {
            #expect(key.stringValue == "id")
            #expect(context.codingPath.map(\.stringValue) == ["items", "first", "Index 1"])
        }
    }

    @Test func wrongTypesAndNullsAreNamed() throws {
        struct Number: Decodable { var value: Int }
        do {
            _ = try JSONTapeDecoder().decode(Number.self, from: Data(#"{"value": "7"}"#.utf8))
            Issue.record("decoded a string as an Int")
        } catch DecodingError.typeMismatch(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["value"])
        }
        #expect(throws: DecodingError.self) { try JSONTapeDecoder().decode(Number.self, from: Data(#"{"value": null}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONTapeDecoder().decode(Number.self, from: Data(#"{"value": 1.5}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONTapeDecoder().decode([Int8].self, from: Data("[128]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONTapeDecoder().decode(Color.self, from: Data(#""blue""#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONTapeDecoder(dates: .iso8601).decode(Date.self, from: Data(#""yesterday""#.utf8)) }
        #expect(try JSONTapeDecoder().decode(Int.self, from: Data("2.0e1".utf8)) == 20)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"unterminated", "1 2", "\"\\x\"", "01", "-", "1.", "1e", "\"\\ud800\"",
                      "{\"a\":1,}", "[1 2]", "\"tab\there\"", "nul", "{1: 2}"])
    func rejectsInvalidJSON(text: String) {
        #expect(throws: DecodingError.self) { try JSONTapeDecoder().decode(JSONValue.self, from: Data(text.utf8)) }
        #expect(throws: (any Error).self) { try JSONValue(parsing: Array(text.utf8)) }
    }
}
