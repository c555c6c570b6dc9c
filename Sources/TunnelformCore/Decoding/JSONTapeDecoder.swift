import Foundation

/// Decodes `Decodable` values from JSON through a `JSONTape`: the drop-in for `JSONDecoder` on
/// the large files Tunnelform reads on every command (the state, the simulated cloud).
///
/// Foundation's decoder builds a dictionary of every object's keys, hashing each key, before a
/// type asks for one; with hundreds of thousands of small objects that bookkeeping was half of a
/// large plan. Here a keyed lookup compares the wanted key's bytes with the object's keys in place,
/// and values are materialised only when a type asks for them.
///
/// Types that conform to `TapeDecodable` read themselves off the tape without `Decodable`'s
/// containers; the others go through `init(from:)`.
///
/// It reads what `JSONEncoder` writes: `Date` as ISO 8601 text or as `JSONEncoder`'s default
/// (seconds since 2001), `Data` as Base64, `URL` as a string. Errors are `DecodingError`s with the
/// coding path of the offending value.
public struct JSONTapeDecoder: Sendable {
    public var dates: JSONDateFormat

    public init(dates: JSONDateFormat = .deferredToDate) { self.dates = dates }

    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { try decode(type, from: $0) }
    }

    func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        let tape: JSONTape
        do {
            tape = try JSONTape(bytes)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "Not valid JSON: \(error)", underlyingError: error))
        }
        // `TapeValue`s do not retain the reader: it lives until the decode returns.
        let reader = TapeReader(tape: tape, dates: dates)
        return try withExtendedLifetime(reader) { try reader.decode(type, at: 0) }
    }
}

/// What every container shares: the tape and how dates are read. A class, so that decoders and
/// containers stay two words and fit in an existential's inline buffer.
@usableFromInline final class TapeReader {
    let tape: JSONTape
    let dates: JSONDateFormat

    init(tape: JSONTape, dates: JSONDateFormat) {
        self.tape = tape
        self.dates = dates
    }

    // MARK: Values

    func decode<T: Decodable>(_ type: T.Type, at index: Int) throws -> T {
        if let readsItself = type as? any TapeDecodable.Type {
            return try readsItself.init(tape: TapeValue(reader: self, index: index)) as! T
        }
        return try decodeThroughContainers(type, at: index)
    }

    /// `type` through `init(from:)` (or as a date, data or URL), even when it reads itself off the tape.
    func decodeThroughContainers<T: Decodable>(_ type: T.Type, at index: Int) throws -> T {
        if type == Date.self, dates == .iso8601 {
            let text = try decode(String.self, at: index)
            guard let date = try? Date.ISO8601FormatStyle().parse(text) else {
                throw corrupted(at: index, "Expected an ISO 8601 date, found \"\(text)\"")
            }
            return date as! T
        }
        if type == Data.self {
            let text = try decode(String.self, at: index)
            guard let data = Data(base64Encoded: text) else { throw corrupted(at: index, "Expected Base64 data") }
            return data as! T
        }
        if type == URL.self {
            let text = try decode(String.self, at: index)
            guard let url = URL(string: text) else { throw corrupted(at: index, "Expected a URL, found \"\(text)\"") }
            return url as! T
        }
        return try T(from: TapeDecoding(reader: self, index: index))
    }

    func decode(_ type: Bool.Type, at index: Int) throws -> Bool {
        switch tape[index].kind {
        case .true: return true
        case .false: return false
        default: throw mismatch(type, at: index)
        }
    }

    func decode(_ type: String.Type, at index: Int) throws -> String {
        guard tape[index].kind == .string else { throw mismatch(type, at: index) }
        return tape.string(at: index)
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type, at index: Int) throws -> T {
        guard tape[index].kind == .number else { throw mismatch(type, at: index) }
        if let value = tape.integer(at: index), let exact = T(exactly: value) { return exact }
        if let exact = T(tape.text(at: index), radix: 10) { return exact }  // beyond Int64
        throw corrupted(at: index, "Number does not fit in \(type)")
    }

    func float<T: BinaryFloatingPoint>(_ type: T.Type, at index: Int) throws -> T {
        guard tape[index].kind == .number else { throw mismatch(type, at: index) }
        guard let value = tape.double(at: index) else { throw corrupted(at: index, "Number does not fit in \(type)") }
        return T(value)
    }

    func isNull(at index: Int) -> Bool { tape[index].kind == .null }

    // MARK: Containers

    func objectIndex(at index: Int) throws -> Int {
        guard tape[index].kind == .object else { throw mismatch([String: Any].self, at: index) }
        return index
    }

    func arrayIndex(at index: Int) throws -> Int {
        guard tape[index].kind == .array else { throw mismatch([Any].self, at: index) }
        return index
    }

    // MARK: Errors

    func codingPath(to index: Int) -> [any CodingKey] { tape.path(to: index) }

    func mismatch(_ type: Any.Type, at index: Int) -> DecodingError {
        let kind = tape[index].kind
        let context = DecodingError.Context(codingPath: codingPath(to: index), debugDescription: "Expected \(type) but found \(kind) instead.")
        return kind == .null ? .valueNotFound(type, context) : .typeMismatch(type, context)
    }

    func corrupted(at index: Int, _ description: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath(to: index), debugDescription: description))
    }
}

/// The `Decoder` for one value of the tape.
struct TapeDecoding: Decoder {
    let reader: TapeReader
    let index: Int

    var codingPath: [any CodingKey] { reader.codingPath(to: index) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(TapeKeyedContainer<Key>(reader: reader, object: try reader.objectIndex(at: index)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        TapeUnkeyedContainer(reader: reader, array: try reader.arrayIndex(at: index))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        TapeSingleValueContainer(reader: reader, index: index)
    }
}

/// A single value of the tape.
struct TapeSingleValueContainer: SingleValueDecodingContainer {
    let reader: TapeReader
    let index: Int

    var codingPath: [any CodingKey] { reader.codingPath(to: index) }

    func decodeNil() -> Bool { reader.isNull(at: index) }
    func decode(_ type: Bool.Type) throws -> Bool { try reader.decode(type, at: index) }
    func decode(_ type: String.Type) throws -> String { try reader.decode(type, at: index) }
    func decode(_ type: Double.Type) throws -> Double { try reader.float(type, at: index) }
    func decode(_ type: Float.Type) throws -> Float { try reader.float(type, at: index) }
    func decode(_ type: Int.Type) throws -> Int { try reader.integer(type, at: index) }
    func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(type, at: index) }
    func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(type, at: index) }
    func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(type, at: index) }
    func decode(_ type: Int64.Type) throws -> Int64 { try reader.integer(type, at: index) }
    func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(type, at: index) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(type, at: index) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(type, at: index) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(type, at: index) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(type, at: index) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decode(type, at: index) }
}
