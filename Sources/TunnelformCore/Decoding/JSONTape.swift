import Foundation

/// A JSON document parsed in one pass into a flat "tape": one fixed-size entry per value, in
/// document order, over the unchanged bytes.
///
/// Nothing is copied or allocated per value: a string entry points at its bytes, a container entry
/// knows where its last descendant ends, so a reader can step over a whole subtree in O(1). Strings,
/// numbers and keys are materialised only when asked for. `JSONTapeDecoder` and `JSONValue` both
/// read documents through it; it accepts exactly RFC 8259 JSON.
///
/// The tape borrows `bytes`: it must not outlive the buffer it was made from.
package final class JSONTape {
    enum Kind: UInt8 { case object, array, string, number, `true`, `false`, null }

    struct Entry {
        var kind: Kind
        /// Strings: the value has escapes. Numbers: the value has no fraction and no exponent.
        var flag: Bool
        /// Strings: the first byte after the opening quote. Numbers: the first byte.
        var start: UInt32
        /// Strings and numbers: their length in bytes. Containers: how many values (objects:
        /// members) they hold.
        var count: UInt32
        /// The index of the entry after this value and all its descendants.
        var end: UInt32
    }

    struct Failure: Error, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "\(reason) at byte \(offset)" }
    }

    static let maximumDepth = 512

    let bytes: UnsafeRawBufferPointer
    private let entries: [Entry]

    /// Parses `bytes`; throws on anything that is not one complete JSON value.
    init(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        guard bytes.count < Int(UInt32.max) else { throw Failure(offset: 0, reason: "document larger than 4 GiB") }
        self.bytes = bytes
        var entries: [Entry] = []
        entries.reserveCapacity(bytes.count / 12 + 16)
        var scanner = Scanner(bytes: bytes)
        try scanner.value(into: &entries, depth: 0)
        scanner.skipWhitespace()
        guard scanner.index == bytes.count else { throw scanner.failure("unexpected text after the value") }
        self.entries = entries
    }

    subscript(index: Int) -> Entry { entries[index] }

    // MARK: Reading values

    /// The index of the value stored under `key` in the object at `object`, if any.
    ///
    /// The search starts at `hint` (the index of one of the object's keys) and wraps around; a match
    /// also gives the key index after it, the next search's hint. Readers that ask for keys in
    /// document order, as `Dictionary` does for its thousands of members, find each one at once.
    func member(_ key: String, in object: Int, hint: Int) -> (value: Int, nextHint: Int)? {
        var key = key
        return key.withUTF8 { member($0, in: object, hint: hint) }
    }

    /// `member(_:in:hint:)` for a key given as UTF-8 bytes.
    func member(_ wanted: UnsafeBufferPointer<UInt8>, in object: Int, hint: Int) -> (value: Int, nextHint: Int)? {
        entries.withUnsafeBufferPointer { entries in
            let first = object + 1, end = Int(entries[object].end)
            guard first < end else { return nil }
            var index = (first..<end).contains(hint) ? hint : first
            let start = index
            repeat {
                let next = Int(entries[index + 1].end)
                if isKey(entries[index], at: index, equalTo: wanted) { return (index + 1, next < end ? next : first) }
                index = next < end ? next : first
            } while index != start
            return nil
        }
    }

    private func isKey(_ name: Entry, at index: Int, equalTo wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        if name.flag { return string(at: index).utf8.elementsEqual(wanted) }
        guard Int(name.count) == wanted.count else { return false }
        guard let first = wanted.first else { return true }
        return bytes[Int(name.start)] == first && memcmp(bytes.baseAddress! + Int(name.start), wanted.baseAddress!, wanted.count) == 0
    }

    /// The key and value indexes of every member of the object at `object`, in document order.
    func members(of object: Int) -> [(key: Int, value: Int)] {
        var members: [(key: Int, value: Int)] = []
        members.reserveCapacity(Int(self[object].count))
        var index = object + 1
        let end = Int(self[object].end)
        while index < end {
            members.append((index, index + 1))
            index = Int(self[index + 1].end)
        }
        return members
    }

    /// The indexes of the elements of the array at `array`.
    func elements(of array: Int) -> [Int] {
        var elements: [Int] = []
        elements.reserveCapacity(Int(self[array].count))
        var index = array + 1
        let end = Int(self[array].end)
        while index < end {
            elements.append(index)
            index = Int(self[index].end)
        }
        return elements
    }

    /// The string at `index` (which must be a string entry), escapes resolved.
    func string(at index: Int) -> String {
        let entry = self[index]
        let raw = UnsafeRawBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.start + entry.count)])
        guard entry.flag else { return String(decoding: raw, as: UTF8.self) }
        return Self.unescape(raw)
    }

    /// The integer at `index` (a number entry), or nil when it has a fraction or does not fit.
    func integer(at index: Int) -> Int64? {
        let entry = self[index]
        guard entry.flag else {
            guard let value = double(at: index), value == value.rounded(.towardZero), let exact = Int64(exactly: value) else { return nil }
            return exact
        }
        var position = Int(entry.start)
        let end = position + Int(entry.count)
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        var value: Int64 = 0
        while position < end {
            let digit = Int64(bytes[position] &- UInt8(ascii: "0"))
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = next
            position += 1
        }
        return value
    }

    /// The number at `index` (a number entry) as a `Double`; nil when it is out of range.
    func double(at index: Int) -> Double? {
        guard let value = Double(text(at: index)), value.isFinite else { return nil }
        return value
    }

    /// The bytes of the scalar at `index` as they are written (strings without their quotes).
    func text(at index: Int) -> String {
        let entry = self[index]
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.start + entry.count)]), as: UTF8.self)
    }

    // MARK: Paths, for error messages

    /// The keys and array positions leading from the root to the value at `target`.
    func path(to target: Int) -> [JSONCodingKey] {
        var path: [JSONCodingKey] = []
        var index = 0
        while index != target {
            let entry = self[index]
            guard entry.kind == .object || entry.kind == .array else { break }
            if entry.kind == .object {
                guard let member = members(of: index).first(where: { $0.value <= target && target < Int(self[$0.value].end) }) else { break }
                path.append(JSONCodingKey(string(at: member.key)))
                index = member.value
            } else {
                guard let (position, element) = elements(of: index).enumerated().first(where: { $0.element <= target && target < Int(self[$0.element].end) })
                else { break }
                path.append(JSONCodingKey(index: position))
                index = element
            }
        }
        return path
    }

    // MARK: Escapes

    static func unescape(_ raw: UnsafeRawBufferPointer) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            index += 1
            guard byte == UInt8(ascii: "\\") else { utf8.append(byte); continue }
            let escape = raw[index]
            index += 1
            switch escape {
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                // The scanner checked the hex digits and the surrogate pairing.
                var scalar = hex4(raw, at: index)
                index += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hex4(raw, at: index + 2) - 0xDC00)
                    index += 6
                }
                utf8.append(contentsOf: String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
            default: utf8.append(escape)  // \" \\ \/
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    fileprivate static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func hex4(_ raw: UnsafeRawBufferPointer, at index: Int) -> UInt32 {
        (index..<index + 4).reduce(0) { $0 << 4 | (hexDigit(raw[$1]) ?? 0) }
    }
}

/// The one-pass parser that fills the tape.
private struct Scanner {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    func failure(_ reason: String) -> JSONTape.Failure { JSONTape.Failure(offset: index, reason: reason) }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func value(into entries: inout [JSONTape.Entry], depth: Int) throws(JSONTape.Failure) {
        skipWhitespace()
        guard let byte = current else { throw failure("expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            try container(.object, closing: UInt8(ascii: "}"), into: &entries, depth: depth)
        case UInt8(ascii: "["):
            try container(.array, closing: UInt8(ascii: "]"), into: &entries, depth: depth)
        case UInt8(ascii: "\""):
            try string(into: &entries)
        case UInt8(ascii: "t"):
            try literal("true", .true, into: &entries)
        case UInt8(ascii: "f"):
            try literal("false", .false, into: &entries)
        case UInt8(ascii: "n"):
            try literal("null", .null, into: &entries)
        default:
            try number(into: &entries)
        }
    }

    private mutating func container(_ kind: JSONTape.Kind, closing: UInt8, into entries: inout [JSONTape.Entry], depth: Int) throws(JSONTape.Failure) {
        guard depth < JSONTape.maximumDepth else { throw failure("nested deeper than \(JSONTape.maximumDepth)") }
        let slot = entries.count
        entries.append(JSONTape.Entry(kind: kind, flag: false, start: UInt32(index), count: 0, end: 0))
        index += 1
        var count: UInt32 = 0
        skipWhitespace()
        if current == closing {
            index += 1
        } else {
            while true {
                if kind == .object {
                    skipWhitespace()
                    guard current == UInt8(ascii: "\"") else { throw failure("expected a key") }
                    try string(into: &entries)
                    skipWhitespace()
                    guard current == UInt8(ascii: ":") else { throw failure("expected ':'") }
                    index += 1
                }
                try value(into: &entries, depth: depth + 1)
                count += 1
                skipWhitespace()
                guard let byte = current else { throw failure("unterminated \(kind)") }
                index += 1
                if byte == closing { break }
                guard byte == UInt8(ascii: ",") else { index -= 1; throw failure("expected ',' or '\(Character(Unicode.Scalar(closing)))'") }
            }
        }
        entries[slot].count = count
        entries[slot].end = UInt32(entries.count)
    }

    private mutating func string(into entries: inout [JSONTape.Entry]) throws(JSONTape.Failure) {
        index += 1
        let start = index
        var escaped = false
        while true {
            skipPlainStringBytes()
            guard let byte = current else { throw failure("unterminated string") }
            if byte == UInt8(ascii: "\"") { break }
            guard byte >= 0x20 else { throw failure("control character in a string") }
            index += 1
            escaped = true
            try escape()
        }
        entries.append(JSONTape.Entry(kind: .string, flag: escaped, start: UInt32(start), count: UInt32(index - start), end: UInt32(entries.count + 1)))
        index += 1
    }

    /// Moves to the next quote, backslash or control character: the loop almost all of a
    /// document's bytes go through.
    private mutating func skipPlainStringBytes() {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var position = index
        // Eight bytes at a time while none of them is one of those.
        while position + 8 <= count, !Self.hasSpecialByte(base.loadUnaligned(fromByteOffset: position, as: UInt64.self)) {
            position += 8
        }
        while position < count {
            let byte = base.load(fromByteOffset: position, as: UInt8.self)
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            position += 1
        }
        index = position
    }

    /// Whether any of the eight bytes of `word` is a quote, a backslash or below 0x20 (the classic
    /// "has a zero byte" test: `(x - 0x01…) & ~x & 0x80…` is nonzero iff a byte of `x` is zero).
    private static func hasSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* UInt64(UInt8(ascii: "\""))), backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let zeroOrSpecial = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
        return zeroOrSpecial & highs != 0
    }

    /// Checks the escape after a backslash.
    private mutating func escape() throws(JSONTape.Failure) {
        guard let byte = current else { throw failure("unterminated escape") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return
        case UInt8(ascii: "u"):
            let scalar = try hex4()
            guard (0xD800..<0xDC00).contains(scalar) else {
                guard !(0xDC00..<0xE000).contains(scalar) else { throw failure("unpaired surrogate") }
                return
            }
            guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                throw failure("unpaired surrogate")
            }
            index += 2
            guard (0xDC00..<0xE000).contains(try hex4()) else { throw failure("unpaired surrogate") }
        default:
            index -= 1
            throw failure("invalid escape")
        }
    }

    private mutating func hex4() throws(JSONTape.Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = JSONTape.hexDigit(byte) else { throw failure("invalid \\u escape") }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func literal(_ word: StaticString, _ kind: JSONTape.Kind, into entries: inout [JSONTape.Entry]) throws(JSONTape.Failure) {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count,
              (0..<length).allSatisfy({ bytes[index + $0] == word.utf8Start[$0] }) else { throw failure("invalid literal") }
        entries.append(JSONTape.Entry(kind: kind, flag: false, start: UInt32(index), count: UInt32(length), end: UInt32(entries.count + 1)))
        index += length
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number(into entries: inout [JSONTape.Entry]) throws(JSONTape.Failure) {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, isDigit(first) else { throw failure("expected a value") }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        var integral = true
        if current == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard let byte = current, isDigit(byte) else { throw failure("expected a digit") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let byte = current, isDigit(byte) else { throw failure("expected a digit") }
            skipDigits()
        }
        entries.append(JSONTape.Entry(kind: .number, flag: integral, start: UInt32(start), count: UInt32(index - start), end: UInt32(entries.count + 1)))
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let byte = current, isDigit(byte) { index += 1 }
    }
}
