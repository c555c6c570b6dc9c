/// The data-center side of a tunnel: a regional customer gateway (`cgw-…`).
public struct CustomerGateway: Hashable, Sendable, Codable {
    public var name: String
    public var region: String
    public var ipAddress: IPv4Address
    public var asn: ASN?
    public var bgpAuthKey: SecretReference?
    public var description: String?
    public var tags: [String: String]

    public init(
        name: String, region: String, ipAddress: IPv4Address, asn: ASN? = nil,
        bgpAuthKey: SecretReference? = nil, description: String? = nil, tags: [String: String] = [:]
    ) {
        self.name = name
        self.region = region
        self.ipAddress = ipAddress
        self.asn = asn
        self.bgpAuthKey = bgpAuthKey
        self.description = description
        self.tags = tags
    }

    public var address: ResourceAddress { ResourceAddress(.customerGateway, name) }
}
