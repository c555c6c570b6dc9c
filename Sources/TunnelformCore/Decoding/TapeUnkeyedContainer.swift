/// A JSON array of the tape, read front to back.
struct TapeUnkeyedContainer: UnkeyedDecodingContainer {
    let reader: TapeReader
    let array: Int
    /// The tape index of the next element.
    private var next: Int
    private(set) var currentIndex = 0

    init(reader: TapeReader, array: Int) {
        self.reader = reader
        self.array = array
        next = array + 1
    }

    var codingPath: [any CodingKey] { reader.codingPath(to: array) }
    var count: Int? { Int(reader.tape[array].count) }
    var isAtEnd: Bool { currentIndex >= Int(reader.tape[array].count) }

    /// The next element's index, moving past it.
    private mutating func advance(expecting type: Any.Type) throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(
                codingPath: codingPath + [JSONCodingKey(index: currentIndex)], debugDescription: "Unkeyed container is at end."))
        }
        let index = next
        next = Int(reader.tape[index].end)
        currentIndex += 1
        return index
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, reader.isNull(at: next) else { return false }
        _ = try advance(expecting: Never.self)
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try reader.decode(type, at: advance(expecting: type)) }
    mutating func decode(_ type: String.Type) throws -> String { try reader.decode(type, at: advance(expecting: type)) }
    mutating func decode(_ type: Double.Type) throws -> Double { try reader.float(type, at: advance(expecting: type)) }
    mutating func decode(_ type: Float.Type) throws -> Float { try reader.float(type, at: advance(expecting: type)) }
    mutating func decode(_ type: Int.Type) throws -> Int { try reader.integer(type, at: advance(expecting: type)) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(type, at: advance(expecting: type)) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(type, at: advance(expecting: type)) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(type, at: advance(expecting: type)) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try reader.integer(type, at: advance(expecting: type)) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(type, at: advance(expecting: type)) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(type, at: advance(expecting: type)) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(type, at: advance(expecting: type)) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(type, at: advance(expecting: type)) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(type, at: advance(expecting: type)) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decode(type, at: advance(expecting: type)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let index = try advance(expecting: KeyedDecodingContainer<NestedKey>.self)
        return KeyedDecodingContainer(TapeKeyedContainer<NestedKey>(reader: reader, object: try reader.objectIndex(at: index)))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        TapeUnkeyedContainer(reader: reader, array: try reader.arrayIndex(at: advance(expecting: (any UnkeyedDecodingContainer).self)))
    }

    mutating func superDecoder() throws -> any Decoder {
        TapeDecoding(reader: reader, index: try advance(expecting: (any Decoder).self))
    }
}
