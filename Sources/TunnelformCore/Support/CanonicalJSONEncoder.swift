import Foundation

/// Encodes `Encodable` values straight into canonical JSON (see `CanonicalJSON`): the values are
/// collected into a light tree of nodes, then written once with keys in `String` order.
///
/// The bytes are those of the first definition of canonical JSON (`JSONEncoder` with sorted keys,
/// read back and rewritten with two-space indentation; the tests hold it to that), without the
/// text in between: every state write of an apply and every save of the simulated cloud encode the
/// whole file, so at 10,000 connections this is most of what an apply spends.
struct CanonicalJSONEncoder {
    var dates: JSONDateFormat
    var layout: JSONLayout = .indented

    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = try NodeEncoder(dates: dates, parent: nil, key: nil).box(value)
        var writer = NodeWriter(compact: layout == .compact)
        writer.output.reserveCapacity(4096)
        writer.write(root, depth: 0)
        writer.output.append(UInt8(ascii: "\n"))
        return writer.output
    }
}

/// One value of the tree.
enum JSONNode {
    case string(String)
    /// Canonical number text.
    case number(String)
    case bool(Bool)
    case null
    case object(ObjectNode)
    case array(ArrayNode)
    /// A value an encoder fills later (`superEncoder`).
    case deferred(DeferredNode)
}

final class ObjectNode {
    var members: [(key: String, value: JSONNode)] = []
}

final class ArrayNode {
    var elements: [JSONNode] = []
}

final class DeferredNode {
    var value: JSONNode?
}

/// The encoder of one value. A class, so that containers handed out write into the node it made.
final class NodeEncoder: Encoder {
    let dates: JSONDateFormat
    let parent: NodeEncoder?
    let key: (any CodingKey)?
    /// What `encode(to:)` produced: set by the first container asked for, or a single value.
    var result: JSONNode?

    init(dates: JSONDateFormat, parent: NodeEncoder?, key: (any CodingKey)?) {
        self.dates = dates
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var encoder: NodeEncoder? = self
        while let current = encoder, let key = current.key {
            path.append(key)
            encoder = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: ObjectNode
        if case .object(let existing) = result {
            object = existing
        } else {
            object = ObjectNode()
            result = .object(object)
        }
        return KeyedEncodingContainer(NodeKeyedContainer<Key>(encoder: self, object: object))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: ArrayNode
        if case .array(let existing) = result {
            array = existing
        } else {
            array = ArrayNode()
            result = .array(array)
        }
        return NodeUnkeyedContainer(encoder: self, array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { NodeSingleValueContainer(encoder: self) }

    // MARK: Values

    func box(_ value: String) -> JSONNode { .string(value) }
    func box(_ value: Bool) -> JSONNode { .bool(value) }

    func box<T: BinaryInteger>(_ value: T) -> JSONNode {
        // What the compact route gives: integers beyond Int64 were read back as doubles.
        guard let exact = Int64(exactly: value) else { return .number(Self.text(of: Double(value))) }
        return .number(String(exact))
    }

    func box(_ value: Double, at key: (any CodingKey)?) throws -> JSONNode {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath + (key.map { [$0] } ?? []),
                                                          debugDescription: "Unable to encode \(value) directly in JSON."))
        }
        return .number(Self.text(of: value))
    }

    func box(_ value: Float, at key: (any CodingKey)?) throws -> JSONNode {
        // `JSONEncoder` writes a Float's shortest text, which is then read as a Double.
        try box(Double(value.description) ?? Double(value), at: key)
    }

    func box<T: Encodable>(_ value: T, at key: (any CodingKey)? = nil) throws -> JSONNode {
        if T.self == Date.self, dates == .iso8601 { return .string((value as! Date).formatted(.iso8601)) }
        if T.self == Data.self { return .string((value as! Data).base64EncodedString()) }
        if T.self == URL.self { return .string((value as! URL).absoluteString) }
        let encoder = NodeEncoder(dates: dates, parent: self, key: key)
        try value.encode(to: encoder)
        return encoder.result ?? .object(ObjectNode())
    }

    static func text(of value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

struct NodeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: NodeEncoder
    let object: ObjectNode

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func add(_ node: JSONNode, _ key: Key) { object.members.append((key.stringValue, node)) }

    mutating func encodeNil(forKey key: Key) { add(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) { add(encoder.box(value), key) }
    mutating func encode(_ value: String, forKey key: Key) { add(encoder.box(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { add(try encoder.box(value, at: key), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { add(try encoder.box(value, at: key), key) }
    mutating func encode(_ value: Int, forKey key: Key) { add(encoder.box(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) { add(encoder.box(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) { add(encoder.box(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) { add(encoder.box(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) { add(encoder.box(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) { add(encoder.box(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) { add(encoder.box(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) { add(encoder.box(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) { add(encoder.box(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) { add(encoder.box(value), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { add(try encoder.box(value, at: key), key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectNode()
        add(.object(nested), key)
        return KeyedEncodingContainer(NodeKeyedContainer<NestedKey>(encoder: NodeEncoder(dates: encoder.dates, parent: encoder, key: key), object: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayNode()
        add(.array(nested), key)
        return NodeUnkeyedContainer(encoder: NodeEncoder(dates: encoder.dates, parent: encoder, key: key), array: nested)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super", key: JSONCodingKey("super")) }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue, key: key) }

    private func superEncoder(named name: String, key: any CodingKey) -> any Encoder {
        let deferred = DeferredNode()
        object.members.append((name, .deferred(deferred)))
        return DeferredEncoder(node: deferred, encoder: NodeEncoder(dates: encoder.dates, parent: encoder, key: key))
    }
}

struct NodeUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: NodeEncoder
    let array: ArrayNode

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { array.elements.count }
    private var nextKey: JSONCodingKey { JSONCodingKey(index: array.elements.count) }

    mutating func encodeNil() { array.elements.append(.null) }
    mutating func encode(_ value: Bool) { array.elements.append(encoder.box(value)) }
    mutating func encode(_ value: String) { array.elements.append(encoder.box(value)) }
    mutating func encode(_ value: Double) throws { array.elements.append(try encoder.box(value, at: nextKey)) }
    mutating func encode(_ value: Float) throws { array.elements.append(try encoder.box(value, at: nextKey)) }
    mutating func encode(_ value: Int) { array.elements.append(encoder.box(value)) }
    mutating func encode(_ value: Int8) { array.elements.append(encoder.box(value)) }
    mutating func encode(_ value: Int16) { array.elements.append(encoder.box(value)) }
    mutating func encode(_ value: Int32) { array.elements.append(encoder.box(value)) }
    mutating func encode(_ value: Int64) { array.elements.append(encoder.box(value)) }
    mutating func encode(_ value: UInt) { array.elements.append(encoder.box(value)) }
    mutating func encode(_ value: UInt8) { array.elements.append(encoder.box(value)) }
    mutating func encode(_ value: UInt16) { array.elements.append(encoder.box(value)) }
    mutating func encode(_ value: UInt32) { array.elements.append(encoder.box(value)) }
    mutating func encode(_ value: UInt64) { array.elements.append(encoder.box(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { array.elements.append(try encoder.box(value, at: nextKey)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectNode()
        let key = nextKey
        array.elements.append(.object(nested))
        return KeyedEncodingContainer(NodeKeyedContainer<NestedKey>(encoder: NodeEncoder(dates: encoder.dates, parent: encoder, key: key), object: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayNode()
        let key = nextKey
        array.elements.append(.array(nested))
        return NodeUnkeyedContainer(encoder: NodeEncoder(dates: encoder.dates, parent: encoder, key: key), array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let deferred = DeferredNode()
        let key = nextKey
        array.elements.append(.deferred(deferred))
        return DeferredEncoder(node: deferred, encoder: NodeEncoder(dates: encoder.dates, parent: encoder, key: key))
    }
}

struct NodeSingleValueContainer: SingleValueEncodingContainer {
    let encoder: NodeEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() { encoder.result = .null }
    mutating func encode(_ value: Bool) { encoder.result = encoder.box(value) }
    mutating func encode(_ value: String) { encoder.result = encoder.box(value) }
    mutating func encode(_ value: Double) throws { encoder.result = try encoder.box(value, at: nil) }
    mutating func encode(_ value: Float) throws { encoder.result = try encoder.box(value, at: nil) }
    mutating func encode(_ value: Int) { encoder.result = encoder.box(value) }
    mutating func encode(_ value: Int8) { encoder.result = encoder.box(value) }
    mutating func encode(_ value: Int16) { encoder.result = encoder.box(value) }
    mutating func encode(_ value: Int32) { encoder.result = encoder.box(value) }
    mutating func encode(_ value: Int64) { encoder.result = encoder.box(value) }
    mutating func encode(_ value: UInt) { encoder.result = encoder.box(value) }
    mutating func encode(_ value: UInt8) { encoder.result = encoder.box(value) }
    mutating func encode(_ value: UInt16) { encoder.result = encoder.box(value) }
    mutating func encode(_ value: UInt32) { encoder.result = encoder.box(value) }
    mutating func encode(_ value: UInt64) { encoder.result = encoder.box(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { encoder.result = try encoder.box(value, at: nil) }
}

/// The encoder `superEncoder` hands out: what it encodes lands in its deferred node.
final class DeferredEncoder: Encoder {
    let node: DeferredNode
    let encoder: NodeEncoder

    init(node: DeferredNode, encoder: NodeEncoder) {
        self.node = node
        self.encoder = encoder
    }

    var codingPath: [any CodingKey] { encoder.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        defer { node.value = encoder.result }
        return encoder.container(keyedBy: type)
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        defer { node.value = encoder.result }
        return encoder.unkeyedContainer()
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { DeferredSingleValue(node: node, encoder: encoder) }

    /// A single value lands in the node as it is set.
    struct DeferredSingleValue: SingleValueEncodingContainer {
        let node: DeferredNode
        var container: NodeSingleValueContainer

        init(node: DeferredNode, encoder: NodeEncoder) {
            self.node = node
            container = NodeSingleValueContainer(encoder: encoder)
        }

        var codingPath: [any CodingKey] { container.codingPath }
        private func settle() { node.value = container.encoder.result }

        mutating func encodeNil() { container.encodeNil(); settle() }
        mutating func encode(_ value: Bool) { container.encode(value); settle() }
        mutating func encode(_ value: String) { container.encode(value); settle() }
        mutating func encode(_ value: Double) throws { try container.encode(value); settle() }
        mutating func encode(_ value: Float) throws { try container.encode(value); settle() }
        mutating func encode(_ value: Int) { container.encode(value); settle() }
        mutating func encode(_ value: Int8) { container.encode(value); settle() }
        mutating func encode(_ value: Int16) { container.encode(value); settle() }
        mutating func encode(_ value: Int32) { container.encode(value); settle() }
        mutating func encode(_ value: Int64) { container.encode(value); settle() }
        mutating func encode(_ value: UInt) { container.encode(value); settle() }
        mutating func encode(_ value: UInt8) { container.encode(value); settle() }
        mutating func encode(_ value: UInt16) { container.encode(value); settle() }
        mutating func encode(_ value: UInt32) { container.encode(value); settle() }
        mutating func encode(_ value: UInt64) { container.encode(value); settle() }
        mutating func encode<T: Encodable>(_ value: T) throws { try container.encode(value); settle() }
    }
}

/// Writes a node tree in canonical form.
struct NodeWriter {
    var output: [UInt8] = []
    /// No line breaks, no indentation and no space after a key's colon.
    var compact = false

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 2 * JSONTape.maximumDepth)

    mutating func write(_ node: JSONNode, depth: Int) {
        switch node {
        case .string(let value): quote(value)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        case .deferred(let deferred): write(deferred.value ?? .object(ObjectNode()), depth: depth)
        case .array(let array):
            guard !array.elements.isEmpty else { output.append(contentsOf: "[]".utf8); return }
            output.append(UInt8(ascii: "["))
            for (position, element) in array.elements.enumerated() {
                separate(first: position == 0, depth: depth + 1)
                write(element, depth: depth + 1)
            }
            separate(last: depth)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            let members = Self.sorted(object.members)
            guard !members.isEmpty else { output.append(contentsOf: "{}".utf8); return }
            output.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                separate(first: position == 0, depth: depth + 1)
                quote(member.key)
                output.append(contentsOf: (compact ? ":" : ": ").utf8)
                write(member.value, depth: depth + 1)
            }
            separate(last: depth)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Keys in `String` order; a key encoded twice keeps its last value, as `JSONEncoder` does.
    private static func sorted(_ members: [(key: String, value: JSONNode)]) -> [(key: String, value: JSONNode)] {
        var sorted = members
        sorted.sort { $0.key < $1.key }
        guard zip(sorted, sorted.dropFirst()).contains(where: { $0.key == $1.key }) else { return sorted }
        // Rare: repeated keys, ordered by position so that the last one is kept.
        sorted = members.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element)
        return sorted.enumerated().filter { $0.offset == sorted.count - 1 || sorted[$0.offset + 1].key != $0.element.key }.map(\.element)
    }

    /// What goes before a member or an element at `depth`: a comma after the first, and when
    /// indented, a line break and the indentation.
    private mutating func separate(first: Bool, depth: Int) {
        if !first { output.append(UInt8(ascii: ",")) }
        if !compact { newline(depth) }
    }

    /// What goes before the closing bracket of a container at `depth`.
    private mutating func separate(last depth: Int) {
        if !compact { newline(depth) }
    }

    private mutating func newline(_ depth: Int) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: Self.spaces[..<(depth * 2)])
    }

    /// Escapes one way: \" \\ \n \r \t, other controls as \u00XX, everything else as it is.
    private mutating func quote(_ value: String) {
        output.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            if !utf8.contains(where: Self.needsEscape) {
                output.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
                case 0x0A: output.append(contentsOf: "\\n".utf8)
                case 0x0D: output.append(contentsOf: "\\r".utf8)
                case 0x09: output.append(contentsOf: "\\t".utf8)
                case ..<0x20: output.append(contentsOf: String(format: "\\u%04x", byte).utf8)
                default: output.append(byte)
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
