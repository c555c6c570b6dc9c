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
                guard entry.count > 0 else { append("{}"); return }
                append("{\n")
                if isSortedASCII(object: index) {
                    var key = index + 1
                    while key < Int(entry.end) {
                        member(key: key, value: key + 1, depth: depth)
                        key = Int(tape[key + 1].end)
                        if key < Int(entry.end) { append(",\n") }
                    }
                } else {
                    let members = tape.members(of: index).sorted { tape.string(at: $0.key) < tape.string(at: $1.key) }
                    for (position, member) in members.enumerated() {
                        self.member(key: member.key, value: member.value, depth: depth)
                        if position < members.count - 1 { append(",\n") }
                    }
                }
                append("\n")
                indent(depth)
                append("}")
            case .array:
                guard entry.count > 0 else { append("[]"); return }
                append("[\n")
                var element = index + 1
                while element < Int(entry.end) {
                    indent(depth + 1)
                    value(at: element, depth: depth + 1)
                    element = Int(tape[element].end)
                    if element < Int(entry.end) { append(",\n") }
                }
                append("\n")
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

        private mutating func member(key: Int, value: Int, depth: Int) {
            indent(depth + 1)
            string(at: key)
            append(": ")
            self.value(at: value, depth: depth + 1)
        }

        /// Whether the object's keys are ASCII without escapes and in byte order, as `JSONEncoder`
        /// sorts them: then byte order is `String` order and they are written as they stand.
        private func isSortedASCII(object: Int) -> Bool {
            let end = Int(tape[object].end)
            var key = object + 1
            var previous: UnsafeRawBufferPointer?
            while key < end {
                let name = bytes(of: key)
                guard !tape[key].flag, name.allSatisfy({ $0 < 0x80 }) else { return false }
                if let previous, !previous.lexicographicallyPrecedes(name) { return false }
                previous = name
                key = Int(tape[key + 1].end)
            }
            return true
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

        private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 2 * JSONTape.maximumDepth)

        private mutating func indent(_ depth: Int) {
            output.append(contentsOf: Self.spaces[..<(depth * 2)])
        }

        private mutating func append(_ text: String) {
            output.append(contentsOf: text.utf8)
        }
    }
}
