// A customer gateway and the small values of the model, read straight off the tape (see
// `TapeDecodable`): what their `Encodable` conformances write.

extension CustomerGateway: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        asn = try object.decodeIfPresent("asn")
        bgpAuthKey = try object.decodeIfPresent("bgpAuthKey")
        description = try object.decodeIfPresent("description")
        ipAddress = try object.decode("ipAddress")
        name = try object.decode("name")
        region = try object.decode("region")
        tags = try object.decode("tags")
    }
}

extension SecretReference: TapeDecodable {
    /// As `init(from:)`: the value of a literal is never written, so it comes back empty.
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        if let name: String = try object.decodeIfPresent("env") {
            self = .env(name)
        } else if let path: String = try object.decodeIfPresent("file") {
            self = .file(path: path, base: try object.decode("base"))
        } else {
            self = .literal("")
        }
    }
}

extension ASN: TapeDecodable {
    public init(tape value: TapeValue) throws { self.init(try value.integer(UInt32.self)) }
}

extension IPv4Address: TapeDecodable {
    public init(tape value: TapeValue) throws {
        let text = try value.string()
        guard let address = IPv4Address(text) else { throw value.corrupted("not an IPv4 address: \(text)") }
        self = address
    }
}

extension IPv4Network: TapeDecodable {
    public init(tape value: TapeValue) throws {
        let text = try value.string()
        guard let network = IPv4Network(text) else { throw value.corrupted("not an IPv4 CIDR block: \(text)") }
        self = network
    }
}
