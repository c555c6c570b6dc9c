/// An IPv4 CIDR block such as `10.0.0.0/24`.
///
/// The address is kept as written, so a block with host bits set (`10.0.0.1/24`) can be
/// reported with the network address it should have been (`isNetworkAddress`, `normalized`).
public struct IPv4Network: Hashable, Sendable, CustomStringConvertible {
    public var address: IPv4Address
    public var prefixLength: Int

    public init(address: IPv4Address, prefixLength: Int) {
        self.address = address
        self.prefixLength = prefixLength
    }

    /// Parses `a.b.c.d/n` with n in 0...32; nil otherwise.
    ///
    /// Works on UTF-8 bytes rather than characters, which is several times faster: a valid block is ASCII,
    /// and text with any other character is rejected either way.
    public init?(_ text: some StringProtocol) {
        guard let slash = text.utf8.firstIndex(of: UInt8(ascii: "/")),
              let address = IPv4Address(text[..<slash]) else { return nil }
        let lengthText = text[text.utf8.index(after: slash)...]
        guard !lengthText.isEmpty, lengthText.utf8.count <= 2, lengthText.utf8.allSatisfy({ $0 < 0x80 }),
              let length = Int(lengthText), (0...32).contains(length) else { return nil }
        self.init(address: address, prefixLength: length)
    }

    public var mask: UInt32 { prefixLength == 0 ? 0 : UInt32.max << (32 - prefixLength) }
    public var networkAddress: IPv4Address { IPv4Address(address.value & mask) }
    public var broadcastAddress: IPv4Address { IPv4Address(address.value | ~mask) }
    /// True when no host bits are set.
    public var isNetworkAddress: Bool { address.value & ~mask == 0 }
    /// The same block with host bits cleared.
    public var normalized: IPv4Network { IPv4Network(address: networkAddress, prefixLength: prefixLength) }

    public func contains(_ other: IPv4Address) -> Bool { other.value & mask == address.value & mask }

    public func contains(_ other: IPv4Network) -> Bool {
        other.prefixLength >= prefixLength && contains(other.address)
    }

    public func overlaps(_ other: IPv4Network) -> Bool { contains(other) || other.contains(self) }

    public var description: String { "\(address)/\(prefixLength)" }

    static let privateRanges: [IPv4Network] = [
        IPv4Network(address: IPv4Address(0x0A00_0000), prefixLength: 8),
        IPv4Network(address: IPv4Address(0xAC10_0000), prefixLength: 12),
        IPv4Network(address: IPv4Address(0xC0A8_0000), prefixLength: 16),
    ]
}

extension IPv4Network: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let network = IPv4Network(text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "not an IPv4 CIDR block: \(text)"))
        }
        self = network
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
