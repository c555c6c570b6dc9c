import TunnelformCore

extension SimulatedCloud {
    func createCustomerGateway(region name: String, _ spec: CustomerGatewaySpec) throws(CloudError) -> String {
        try Self.validate(spec)
        let id = newId("cgw-")
        var region = region(name)
        region.customerGateways[id] = CloudCustomerGateway(
            id: id, name: spec.name, ipAddress: spec.ipAddress, asn: spec.asn, authKey: spec.authKey,
            description: spec.description, tags: spec.tags, createTime: nowMillis)
        state.regions[name] = region
        return id
    }

    /// `ModifyCustomerGatewayAttribute` (plus tag changes): the address and ASN cannot change.
    func modifyCustomerGateway(region name: String, id: String, _ spec: CustomerGatewaySpec) throws(CloudError) {
        var region = region(name)
        guard var gateway = region.customerGateways[id] else { throw .customerGatewayNotFound(id) }
        guard spec.ipAddress == gateway.ipAddress else { throw .invalid("IpAddress", "a customer gateway's address cannot be modified") }
        guard spec.asn == gateway.asn else { throw .invalid("Asn", "a customer gateway's ASN cannot be modified") }
        try Self.validate(spec)
        gateway.name = spec.name
        gateway.description = spec.description
        gateway.authKey = spec.authKey
        gateway.tags = spec.tags
        region.customerGateways[id] = gateway
        state.regions[name] = region
    }

    func deleteCustomerGateway(region name: String, id: String) throws(CloudError) {
        var region = region(name)
        guard region.customerGateways[id] != nil else { throw .customerGatewayNotFound(id) }
        let users = region.connections.values
            .filter { $0.connection.tunnels.contains { $0.customerGatewayId == id } }
            .map(\.connection.id).sorted()
        guard users.isEmpty else {
            throw .terminal("DependencyViolation.IpsecConnection",
                            "The customer gateway \(id) is used by IPsec-VPN connection \(users.joined(separator: ", ")).")
        }
        region.customerGateways[id] = nil
        state.regions[name] = region
    }

    /// The checks the API makes on CreateCustomerGateway (`domain-rules.md`, CustomerGateway).
    static func validate(_ spec: CustomerGatewaySpec) throws(CloudError) {
        if let range = forbiddenGatewayRanges.first(where: { $0.contains(spec.ipAddress) }) {
            throw .invalid("IpAddress", "\(spec.ipAddress) lies in \(range), which a customer gateway cannot use")
        }
        if spec.asn == .cloudDefault { throw .invalid("Asn", "45104 is reserved for the cloud side") }
        if let key = spec.authKey {
            guard (1...64).contains(key.count), key.allSatisfy({ $0.isASCII && $0 != " " && $0 != "?" }) else {
                throw .invalid("AuthKey", "1 to 64 ASCII characters without spaces or question marks")
            }
        }
        try validateText(spec.name, "Name", allowEmpty: true)
        if let description = spec.description { try validateText(description, "Description", allowEmpty: false) }
        try validateTags(spec.tags)
    }

    static func validateText(_ text: String, _ parameter: String, allowEmpty: Bool) throws(CloudError) {
        guard (allowEmpty ? 0 : 1)...100 ~= text.count, !text.hasPrefix("http://"), !text.hasPrefix("https://") else {
            throw .invalid(parameter, "1 to 100 characters, not starting with http:// or https://")
        }
    }

    static func validateTags(_ tags: [String: String]) throws(CloudError) {
        guard tags.count <= 20 else { throw .invalid("Tags", "at most 20 tags") }
        for key in tags.keys.sorted() {
            let lowered = key.lowercased()
            guard !key.isEmpty, !lowered.hasPrefix("aliyun"), !lowered.hasPrefix("acs:"),
                  !lowered.contains("http://"), !lowered.contains("https://") else {
                throw .invalid("Tags.Key", "\"\(key)\" is not an allowed tag key")
            }
        }
    }

    static let forbiddenGatewayRanges: [IPv4Network] = ["100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "255.0.0.0/8"]
        .compactMap { IPv4Network($0) }
}
