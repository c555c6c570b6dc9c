import Foundation

/// A JSON document as plain data, for output whose shape is built rather than derived from a type.
public enum JSONValue: Hashable, Sendable, Codable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case integer(Int64)
    case double(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(Int64(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}

/// How dates are written in a JSON file.
public enum JSONDateFormat: Sendable {
    /// `JSONEncoder.DateEncodingStrategy.iso8601`: what Tunnelform's own files use.
    case iso8601
    /// `JSONEncoder`'s default: `Date`'s own `Codable` form (seconds since 2001).
    case deferredToDate
}

/// How canonical JSON is laid out.
public enum JSONLayout: Sendable {
    /// Two-space indentation, one member or element per line: for files people read and diff.
    case indented
    /// One line: for files only Tunnelform reads (the simulated cloud), a third smaller and faster to read.
    case compact
}

/// Canonical JSON: sorted keys, two-space indent, `"key": value`, no escaped slashes, final
/// newline (or, laid out `.compact`, the same on one line). Used for every file Tunnelform writes
/// so that diffs in review stay minimal.
public enum CanonicalJSON {
    public static func encode<T: Encodable>(_ value: T, dates: JSONDateFormat = .iso8601, layout: JSONLayout = .indented) throws -> Data {
        Data(try CanonicalJSONEncoder(dates: dates, layout: layout).encode(value))
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONTapeDecoder(dates: .iso8601).decode(type, from: data)
    }

    public static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }
}
