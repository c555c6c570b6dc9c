/// The manifest address of a declared object, e.g. `VpnConnection/shanghai-dc`.
public struct ResourceAddress: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, CaseIterable, Comparable {
        case customerGateway = "CustomerGateway"
        case vpnConnection = "VpnConnection"

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var kind: Kind
    public var name: String

    public init(_ kind: Kind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    /// Parses `Kind/name`; nil when the kind is unknown or the name empty.
    public init?(parsing text: String) {
        guard let slash = text.firstIndex(of: "/"),
              let kind = Kind(rawValue: String(text[..<slash])) else { return nil }
        let name = String(text[text.index(after: slash)...])
        guard !name.isEmpty else { return nil }
        self.init(kind, name)
    }

    public var description: String { "\(kind.rawValue)/\(name)" }

    public static func < (lhs: ResourceAddress, rhs: ResourceAddress) -> Bool {
        (lhs.kind, lhs.name) < (rhs.kind, rhs.name)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = ResourceAddress(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "not a manifest address: \(text)"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
