import Foundation

/// Lays compact JSON out in Tunnelform's canonical form: two-space indentation, `"key": value`,
/// `{}` and `[]` for empty containers, keys in `String` order, strings escaped one way only, and
/// numbers written as `JSONValue` writes them.
///
/// It walks a `JSONTape` of the compact text and copies bytes, so a state of 10,000 connections
/// is written without building a tree of it.
enum CanonicalJSONLayout {
    static func layout(_ compact: UnsafeRawBufferPointer) throws -> [UInt8] {
        let tape = try JSONTape(compact)
        var writer = Writer(tape: tape)
        writer.output.reserveCapacity(compact.count * 2 + 1)
        writer.value(at: 0, depth: 0)
        writer.output.append(UInt8(ascii: "\n"))
        return writer.output
    }

    private struct Writer {
        let tape: JSONTape
        var output: [UInt8] = []

        mutating func value(at index: Int, depth: Int) {
            let entry = tape[index]
            switch entry.kind {
            case .object:
                let members = sortedMembers(of: index)
                guard !members.isEmpty else { append("{}"); return }
                append("{\n")
                for (position, member) in members.enumerated() {
                    indent(depth + 1)
                    string(at: member.key)
                    append(": ")
                    value(at: member.value, depth: depth + 1)
                    append(position == members.count - 1 ? "\n" : ",\n")
                }
                indent(depth)
                append("}")
            case .array:
                let elements = tape.elements(of: index)
                guard !elements.isEmpty else { append("[]"); return }
                append("[\n")
                for (position, element) in elements.enumerated() {
                    indent(depth + 1)
                    value(at: element, depth: depth + 1)
                    append(position == elements.count - 1 ? "\n" : ",\n")
                }
                indent(depth)
                append("]")
            case .string:
                string(at: index)
            case .number:
                if entry.flag, let integer = tape.integer(at: index) {
                    if integer == 0 { append("0") } else { copy(entry) }  // "-0" is 0
                } else {
                    let value = tape.double(at: index) ?? .nan
                    append(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value))
                }
            case .true, .false, .null:
                copy(entry)
            }
        }

        /// The members in `String` order of their keys; `JSONEncoder`'s sorted output is kept as it is
        /// when its keys are ASCII (where byte order and `String` order agree).
        private func sortedMembers(of object: Int) -> [(key: Int, value: Int)] {
            let members = tape.members(of: object)
            let ascii = members.allSatisfy { member in
                let key = tape[member.key]
                return !key.flag && (0..<Int(key.count)).allSatisfy { tape.bytes[Int(key.start) + $0] < 0x80 }
            }
            if ascii, zip(members, members.dropFirst()).allSatisfy({ bytes(of: $0.key).lexicographicallyPrecedes(bytes(of: $1.key)) }) {
                return members
            }
            return members.sorted { tape.string(at: $0.key) < tape.string(at: $1.key) }
        }

        private func bytes(of index: Int) -> UnsafeRawBufferPointer {
            let entry = tape[index]
            return UnsafeRawBufferPointer(rebasing: tape.bytes[Int(entry.start)..<Int(entry.start + entry.count)])
        }

        private mutating func string(at index: Int) {
            let entry = tape[index]
            if !entry.flag {
                output.append(UInt8(ascii: "\""))
                output.append(contentsOf: bytes(of: index))
                output.append(UInt8(ascii: "\""))
                return
            }
            // Escapes are written again one way: \" \\ \n \r \t, other controls as \u00XX, the rest as is.
            output.append(UInt8(ascii: "\""))
            for byte in tape.string(at: index).utf8 {
                switch byte {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                case ..<0x20: append(String(format: "\\u%04x", byte))
                default: output.append(byte)
                }
            }
            output.append(UInt8(ascii: "\""))
        }

        private mutating func copy(_ entry: JSONTape.Entry) {
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: tape.bytes[Int(entry.start)..<Int(entry.start + entry.count)]))
        }

        private mutating func indent(_ depth: Int) {
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
        }

        private mutating func append(_ text: String) {
            output.append(contentsOf: text.utf8)
        }
    }
}
