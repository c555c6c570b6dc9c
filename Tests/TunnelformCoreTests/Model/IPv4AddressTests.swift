import Testing
import TunnelformCore

@Suite("IPv4 addresses")
struct IPv4AddressTests {
    /// Every octet value in every position, and the extremes, read back as written.
    @Test func descriptionRoundTrips() {
        var values: [UInt32] = [0, .max, 0x0A00_0001, 0xC0A8_0101, 0x7F00_0001]
        for octet in UInt32(0)...255 {
            values += [octet << 24, octet << 16 | 0x0100_0000, octet << 8 | 0x0101_0000, octet | 0x0A0A_0A00]
        }
        for value in values {
            let address = IPv4Address(value)
            let expected = "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
            #expect(address.description == expected)
            #expect(IPv4Address(address.description) == address)
        }
    }

    @Test func parsingRejectsMalformedText() {
        for text in ["", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1..2.3", "a.b.c.d", "1.2.3.4 "] {
            #expect(IPv4Address(text) == nil, "\(text)")
        }
    }
}
