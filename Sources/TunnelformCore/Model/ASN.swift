/// A BGP autonomous system number, 1–4294967295.
///
/// Written either as a plain number or in asdot form `A.B` (each 0–65535), meaning A×65536+B.
public struct ASN: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var value: UInt32

    public init(_ value: UInt32) { self.value = value }

    /// The cloud side's default ASN, which customer gateways may not use.
    public static let cloudDefault = ASN(45104)

    /// Parses `65010` or `123.456`; nil when malformed, zero or out of range.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) } }) else { return nil }
        switch parts.count {
        case 1:
            guard parts[0].count <= 10, let value = UInt64(parts[0]), (1...UInt64(UInt32.max)).contains(value)
            else { return nil }
            self.value = UInt32(value)
        case 2:
            guard parts[0].count <= 5, parts[1].count <= 5,
                  let high = UInt32(parts[0]), let low = UInt32(parts[1]),
                  high <= 65535, low <= 65535, high | low != 0 else { return nil }
            self.value = high << 16 | low
        default:
            return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(UInt32.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { String(value) }
    public static func < (lhs: ASN, rhs: ASN) -> Bool { lhs.value < rhs.value }
}
