import Foundation

extension JSONValue {
    /// Parses one JSON document (RFC 8259) through a `JSONTape`, reading each value once. Numbers
    /// become what the `Decodable` route gives: integers that fit `Int64` `.integer`, others `.double`.
    public init(parsing bytes: some ContiguousBytes) throws {
        self = try bytes.withUnsafeBytes { raw in
            let tape = try JSONTape(raw)
            return try Self.value(in: tape, at: 0)
        }
    }

    /// Parses JSON text such as a field's `defaultJSON`; nil when it is not JSON.
    public static func parse(_ text: String) -> JSONValue? {
        try? JSONValue(parsing: Array(text.utf8))
    }

    private static func value(in tape: JSONTape, at index: Int) throws -> JSONValue {
        let entry = tape[index]
        switch entry.kind {
        case .object:
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(Int(entry.count))
            for member in tape.members(of: index) {
                members[tape.string(at: member.key)] = try value(in: tape, at: member.value)
            }
            return .object(members)
        case .array:
            return .array(try tape.elements(of: index).map { try value(in: tape, at: $0) })
        case .string:
            return .string(tape.string(at: index))
        case .number:
            if entry.flag, let integer = tape.integer(at: index) { return .integer(integer) }
            guard let double = tape.double(at: index) else {
                throw JSONTape.Failure(offset: Int(entry.start), reason: "number out of range")
            }
            return .double(double)
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .null: return .null
        }
    }
}
