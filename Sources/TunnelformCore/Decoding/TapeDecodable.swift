/// A type that reads itself straight off a `JSONTape`, without `Decodable`'s containers.
///
/// The state and the simulated cloud hold hundreds of thousands of small objects; through
/// `Decodable`, each one costs a boxed container, a generic-metadata lookup and a call through an
/// existential per field, which made their decoding half of a large plan. A conformance reads its
/// fields by name from a `TapeObject` instead, and `JSONTapeDecoder` takes this path whenever the
/// type it decodes conforms.
///
/// A conformance must read exactly what the type's `Encodable` conformance writes (the key names,
/// which keys may be absent, the shape of enums with associated values). `TapeDecodableTests`
/// and `CloudSnapshotDecodingTests` decode a state and a simulated cloud that use every key, both
/// through `JSONDecoder` and through this path, and compare the values.
public protocol TapeDecodable: Decodable {
    init(tape value: TapeValue) throws
}

/// One value on the tape, as a `TapeDecodable` conformance reads it.
///
/// Valid only while the decode that made it runs (it does not keep the tape alive). The generic
/// readers are inlinable, so that conformances in other modules get them specialized.
public struct TapeValue {
    @usableFromInline unowned(unsafe) let reader: TapeReader
    @usableFromInline let index: Int

    @usableFromInline init(reader: TapeReader, index: Int) {
        self.reader = reader
        self.index = index
    }

    /// Through `Decodable`'s `init(from:)`, for rare values not worth a conformance of their own
    /// (their members still take this path when they conform).
    public func decodable<T: Decodable>(_ type: T.Type = T.self) throws -> T { try reader.decodeThroughContainers(type, at: index) }

    public func object() throws -> TapeObject { TapeObject(reader: reader, object: try reader.objectIndex(at: index)) }

    public func string() throws -> String { try reader.decode(String.self, at: index) }

    public func bool() throws -> Bool { try reader.decode(Bool.self, at: index) }

    public func integer<T: FixedWidthInteger>(_ type: T.Type = T.self) throws -> T { try reader.integer(type, at: index) }

    /// The elements of the array this value is, each read as `T`.
    @inlinable public func elements<T: TapeDecodable>(_ type: T.Type = T.self) throws -> [T] {
        let (first, count) = try arrayElements()
        var elements: [T] = []
        elements.reserveCapacity(count)
        var element = first
        for _ in 0..<count {
            elements.append(try T(tape: TapeValue(reader: reader, index: element)))
            element = after(element)
        }
        return elements
    }

    /// The members of the object this value is, each read as `V`.
    @inlinable public func dictionary<V: TapeDecodable>(of type: V.Type = V.self) throws -> [String: V] {
        let (first, count) = try objectMembers()
        var dictionary: [String: V] = .init(minimumCapacity: count)
        var key = first
        for _ in 0..<count {
            dictionary[string(at: key)] = try V(tape: TapeValue(reader: reader, index: key + 1))
            key = after(key + 1)
        }
        return dictionary
    }

    /// The index of the first key of this object, and how many members it holds.
    @usableFromInline func objectMembers() throws -> (first: Int, count: Int) {
        let object = try reader.objectIndex(at: index)
        return (object + 1, Int(reader.tape[object].count))
    }

    /// The string at `index` (a key), escapes resolved.
    @usableFromInline func string(at index: Int) -> String { reader.tape.string(at: index) }

    /// The index of the first element of this array, and how many it holds.
    @usableFromInline func arrayElements() throws -> (first: Int, count: Int) {
        let array = try reader.arrayIndex(at: index)
        return (array + 1, Int(reader.tape[array].count))
    }

    /// The index of the value that follows the one at `index` and its descendants.
    @usableFromInline func after(_ index: Int) -> Int { Int(reader.tape[index].end) }

    /// An error for a value of the right JSON kind that the type cannot accept.
    public func corrupted(_ description: String) -> DecodingError { reader.corrupted(at: index, description) }
}

/// A JSON object on the tape, read by key name.
///
/// As in `TapeKeyedContainer`, a lookup starts where the last one matched: a conformance that reads
/// its keys in the file's (sorted) order finds each one at once.
public struct TapeObject {
    @usableFromInline unowned(unsafe) let reader: TapeReader
    @usableFromInline let object: Int
    private var hint: Int

    init(reader: TapeReader, object: Int) {
        self.reader = reader
        self.object = object
        hint = object + 1
    }

    /// How many members the object has.
    public var count: Int { Int(reader.tape[object].count) }

    /// The value under `key`; `keyNotFound` when there is none.
    @inlinable public mutating func decode<T: TapeDecodable>(_ key: StaticString, as type: T.Type = T.self) throws -> T {
        guard let index = lookUp(key) else { throw missing(key) }
        return try T(tape: TapeValue(reader: reader, index: index))
    }

    // Arrays and dictionaries read here rather than through their conformances, so that they are
    // specialized for their element type in the caller's module.

    @inlinable public mutating func decode<Element: TapeDecodable>(_ key: StaticString, as type: [Element].Type = [Element].self) throws -> [Element] {
        guard let index = lookUp(key) else { throw missing(key) }
        return try TapeValue(reader: reader, index: index).elements()
    }

    @inlinable public mutating func decode<V: TapeDecodable>(_ key: StaticString, as type: [String: V].Type = [String: V].self) throws -> [String: V] {
        guard let index = lookUp(key) else { throw missing(key) }
        return try TapeValue(reader: reader, index: index).dictionary()
    }

    /// The value under `key`, or nil when it is absent or null (as `decodeIfPresent` reads it).
    @inlinable public mutating func decodeIfPresent<T: TapeDecodable>(_ key: StaticString, as type: T.Type = T.self) throws -> T? {
        guard let value = valueIfPresent(key) else { return nil }
        return try T(tape: value)
    }

    /// The raw value under `key`, or nil when it is absent or null.
    public mutating func valueIfPresent(_ key: StaticString) -> TapeValue? {
        guard let index = lookUp(key), !reader.isNull(at: index) else { return nil }
        return TapeValue(reader: reader, index: index)
    }

    @usableFromInline mutating func lookUp(_ key: StaticString) -> Int? {
        let found = key.withUTF8Buffer { reader.tape.member($0, in: object, hint: hint) }
        guard let found else { return nil }
        hint = found.nextHint
        return found.value
    }

    @usableFromInline func missing(_ key: StaticString) -> DecodingError {
        .keyNotFound(JSONCodingKey(key.description), .init(codingPath: reader.codingPath(to: object), debugDescription: "No value for key \"\(key)\"."))
    }
}

// MARK: - Standard types

extension String: TapeDecodable {
    public init(tape value: TapeValue) throws { self = try value.string() }
}

extension Bool: TapeDecodable {
    public init(tape value: TapeValue) throws { self = try value.bool() }
}

extension Int: TapeDecodable {
    public init(tape value: TapeValue) throws { self = try value.integer() }
}

extension Int64: TapeDecodable {
    public init(tape value: TapeValue) throws { self = try value.integer() }
}

extension UInt32: TapeDecodable {
    public init(tape value: TapeValue) throws { self = try value.integer() }
}

extension Array: TapeDecodable where Element: TapeDecodable {
    public init(tape value: TapeValue) throws { self = try value.elements() }
}

extension Dictionary: TapeDecodable where Key == String, Value: TapeDecodable {
    public init(tape value: TapeValue) throws { self = try value.dictionary() }
}

/// Enums written as their raw string, as `Decodable` reads them.
extension TapeDecodable where Self: RawRepresentable, RawValue == String {
    public init(tape value: TapeValue) throws {
        let text = try value.string()
        guard let decoded = Self(rawValue: text) else {
            throw value.corrupted("Cannot initialize \(Self.self) from invalid String value \(text)")
        }
        self = decoded
    }
}
