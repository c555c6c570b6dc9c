// A connection as the state records it, read straight off the tape (see `TapeDecodable`): the keys
// and shapes that the `Encodable` conformances of VpnConnection.swift and Tunnel.swift write.

extension VpnConnection: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        bgp = try object.decode("bgp")
        bind = try object.decode("bind")
        effectImmediately = try object.decode("effectImmediately")
        gatewayType = try object.decode("gatewayType")
        localNetworks = try object.decode("localNetworks")
        name = try object.decode("name")
        region = try object.decode("region")
        remoteNetworks = try object.decode("remoteNetworks")
        replacement = try object.decodeIfPresent("replacement")
        resourceGroup = try object.decodeIfPresent("resourceGroup")
        routes = try object.decode("routes")
        routingMode = try object.decode("routingMode")
        tags = try object.decode("tags")
        tunnelBandwidth = try object.decode("tunnelBandwidth")
        tunnels = try object.decode("tunnels")
    }
}

extension Binding: TapeDecodable {
    /// The synthesized shape of an enum with associated values: one key, the case, holding an
    /// object of the case's labelled values.
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        guard object.count == 1 else { throw value.corrupted("Invalid number of keys found, expected one.") }
        if var fields = try object.valueIfPresent("currentAccount")?.object() {
            self = .currentAccount(cenId: try fields.decode("cenId"))
        } else if var fields = try object.valueIfPresent("crossAccount")?.object() {
            self = .crossAccount(cenId: try fields.decode("cenId"), cenOwnerUid: try fields.decode("cenOwnerUid"),
                                 payer: try fields.decode("payer"))
        } else {
            throw value.corrupted("Expected currentAccount or crossAccount.")
        }
    }
}

extension ConnectionBGP: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        enabled = try object.decode("enabled")
        localAsn = try object.decode("localAsn")
    }
}

extension RouteOptions: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        advertise = try object.decode("advertise")
        associateDefaultRouteTable = try object.decode("associateDefaultRouteTable")
        propagateToDefaultRouteTable = try object.decode("propagateToDefaultRouteTable")
    }
}

extension Tunnel: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        bgp = try object.decodeIfPresent("bgp")
        customerGateway = try object.decode("customerGateway")
        dpd = try object.decode("dpd")
        ike = try object.decode("ike")
        ipsec = try object.decode("ipsec")
        natTraversal = try object.decode("natTraversal")
        preSharedKey = try object.decodeIfPresent("preSharedKey")
    }
}

extension IKEConfig: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        authentication = try object.decode("authentication")
        dhGroup = try object.decode("dhGroup")
        encryption = try object.decode("encryption")
        lifetime = try object.decode("lifetime")
        localId = try object.decodeIfPresent("localId")
        mode = try object.decode("mode")
        remoteId = try object.decodeIfPresent("remoteId")
        version = try object.decode("version")
    }
}

extension IPsecConfig: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        authentication = try object.decode("authentication")
        dhGroup = try object.decode("dhGroup")
        encryption = try object.decode("encryption")
        lifetime = try object.decode("lifetime")
    }
}

extension TunnelBGP: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        localIp = try object.decode("localIp")
        tunnelCidr = try object.decode("tunnelCidr")
    }
}

extension GatewayType: TapeDecodable {}
extension RoutingMode: TapeDecodable {}
extension TunnelBandwidth: TapeDecodable {}
extension ReplacementStrategy: TapeDecodable {}
extension IKEVersion: TapeDecodable {}
extension IKEMode: TapeDecodable {}
extension EncryptionAlgorithm: TapeDecodable {}
extension AuthenticationAlgorithm: TapeDecodable {}
extension DHGroup: TapeDecodable {}
extension PFSGroup: TapeDecodable {}
extension Payer: TapeDecodable {}
