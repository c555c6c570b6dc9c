/// A JSON object of the tape, read by key. A lookup walks the object's keys in place from where the
/// last one matched, so no table is built per object and in-order reads cost O(1) each.
struct TapeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: TapeReader
    let object: Int
    private let cursor: Cursor

    /// Where the next lookup starts: the protocol's reads are not `mutating`.
    private final class Cursor {
        var hint: Int
        init(hint: Int) { self.hint = hint }
    }

    init(reader: TapeReader, object: Int) {
        self.reader = reader
        self.object = object
        cursor = Cursor(hint: object + 1)
    }

    var codingPath: [any CodingKey] { reader.codingPath(to: object) }

    var allKeys: [Key] {
        reader.tape.members(of: object).compactMap { Key(stringValue: reader.tape.string(at: $0.key)) }
    }

    func contains(_ key: Key) -> Bool { lookUp(key) != nil }

    private func lookUp(_ key: Key) -> Int? {
        guard let found = reader.tape.member(key.stringValue, in: object, hint: cursor.hint) else { return nil }
        cursor.hint = found.nextHint
        return found.value
    }

    private func value(for key: Key) throws -> Int {
        guard let index = lookUp(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "No value for key \"\(key.stringValue)\"."))
        }
        return index
    }

    /// The value under `key`, or nil when it is missing or null.
    private func presentValue(for key: Key) -> Int? {
        guard let index = lookUp(key), !reader.isNull(at: index) else { return nil }
        return index
    }

    func decodeNil(forKey key: Key) throws -> Bool { reader.isNull(at: try value(for: key)) }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try reader.decode(type, at: value(for: key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try reader.decode(type, at: value(for: key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try reader.float(type, at: value(for: key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try reader.float(type, at: value(for: key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try reader.integer(type, at: value(for: key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try reader.integer(type, at: value(for: key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try reader.integer(type, at: value(for: key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try reader.integer(type, at: value(for: key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try reader.integer(type, at: value(for: key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try reader.integer(type, at: value(for: key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try reader.integer(type, at: value(for: key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try reader.integer(type, at: value(for: key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try reader.integer(type, at: value(for: key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try reader.integer(type, at: value(for: key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try reader.decode(type, at: value(for: key)) }

    // One lookup instead of the default implementations' `contains`, `decodeNil` and `decode`.
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try presentValue(for: key).map { try reader.decode(type, at: $0) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try presentValue(for: key).map { try reader.decode(type, at: $0) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try presentValue(for: key).map { try reader.float(type, at: $0) } }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try presentValue(for: key).map { try reader.float(type, at: $0) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try presentValue(for: key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try presentValue(for: key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try presentValue(for: key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try presentValue(for: key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try presentValue(for: key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try presentValue(for: key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try presentValue(for: key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try presentValue(for: key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try presentValue(for: key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try presentValue(for: key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try presentValue(for: key).map { try reader.decode(type, at: $0) } }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(TapeKeyedContainer<NestedKey>(reader: reader, object: try reader.objectIndex(at: value(for: key))))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        TapeUnkeyedContainer(reader: reader, array: try reader.arrayIndex(at: value(for: key)))
    }

    func superDecoder() throws -> any Decoder {
        TapeDecoding(reader: reader, index: try value(for: Key(stringValue: "super")!))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        TapeDecoding(reader: reader, index: try value(for: key))
    }
}
