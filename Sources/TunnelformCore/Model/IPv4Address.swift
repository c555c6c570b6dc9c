/// An IPv4 address as a 32-bit value, parsed from dotted-quad text.
public struct IPv4Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var value: UInt32

    public init(_ value: UInt32) { self.value = value }

    /// Parses `a.b.c.d` with each part 0–255 and no leading zeros; nil otherwise.
    public init?(_ text: some StringProtocol) {
        var value: UInt32 = 0
        var parts = 0
        var part: UInt32 = 0
        var digits = 0
        var leadingZero = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if leadingZero { return nil }
                if digits == 0 && byte == UInt8(ascii: "0") { leadingZero = true }
                part = part * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                if digits > 3 || part > 255 { return nil }
            case UInt8(ascii: "."):
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | part
                parts += 1
                part = 0
                digits = 0
                leadingZero = false
            default:
                return nil
            }
        }
        guard digits > 0, parts == 3 else { return nil }
        self.value = value << 8 | part
    }

    /// Dotted-quad text. Written byte by byte: at most 15 of them, which Swift keeps inside the
    /// string without allocating (refresh formats two per tunnel to compare with the cloud's).
    public var description: String {
        String(unsafeUninitializedCapacity: 15) { buffer in
            var count = 0
            for shift in stride(from: 24, through: 0, by: -8) {
                if shift != 24 {
                    buffer[count] = UInt8(ascii: ".")
                    count += 1
                }
                let part = UInt8(truncatingIfNeeded: value >> UInt32(shift))
                if part >= 100 {
                    buffer[count] = UInt8(ascii: "0") + part / 100
                    count += 1
                }
                if part >= 10 {
                    buffer[count] = UInt8(ascii: "0") + part / 10 % 10
                    count += 1
                }
                buffer[count] = UInt8(ascii: "0") + part % 10
                count += 1
            }
            return count
        }
    }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.value < rhs.value }

    /// RFC 1918 private ranges: 10/8, 172.16/12, 192.168/16.
    public var isPrivate: Bool {
        IPv4Network.privateRanges.contains { $0.contains(self) }
    }
}

extension IPv4Address: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = IPv4Address(text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "not an IPv4 address: \(text)"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
