// The cloud's objects read straight off the tape (see `TapeDecodable`): the simulated cloud saves
// them with their synthesized `Encodable` conformances, and reads tens of thousands on every command.

extension CloudCustomerGateway: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        asn = try object.decodeIfPresent("asn")
        authKey = try object.decodeIfPresent("authKey")
        createTime = try object.decode("createTime")
        description = try object.decodeIfPresent("description")
        id = try object.decode("id")
        ipAddress = try object.decode("ipAddress")
        name = try object.decode("name")
        tags = try object.decode("tags")
    }
}

extension CloudConnection: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        cenId = try object.decodeIfPresent("cenId")
        createTime = try object.decode("createTime")
        crossAccountAuthorized = try object.decode("crossAccountAuthorized")
        effectImmediately = try object.decode("effectImmediately")
        enableTunnelsBgp = try object.decode("enableTunnelsBgp")
        gatewayType = try object.decode("gatewayType")
        id = try object.decode("id")
        localSubnets = try object.decode("localSubnets")
        name = try object.decode("name")
        remoteSubnets = try object.decode("remoteSubnets")
        resourceGroupId = try object.decodeIfPresent("resourceGroupId")
        state = try object.decode("state")
        tags = try object.decode("tags")
        transitRouterId = try object.decodeIfPresent("transitRouterId")
        tunnelBandwidth = try object.decode("tunnelBandwidth")
        tunnels = try object.decode("tunnels")
    }
}

extension CloudTunnel: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        bgp = try object.decodeIfPresent("bgp")
        bgpStatus = try object.decodeIfPresent("bgpStatus")
        customerGatewayId = try object.decode("customerGatewayId")
        dpd = try object.decode("dpd")
        gatewayIp = try object.decodeIfPresent("gatewayIp")
        id = try object.decode("id")
        ike = try object.decode("ike")
        index = try object.decode("index")
        ipsec = try object.decode("ipsec")
        localAsn = try object.decodeIfPresent("localAsn")
        natTraversal = try object.decode("natTraversal")
        preSharedKey = try object.decode("preSharedKey")
        state = try object.decode("state")
        status = try object.decode("status")
    }
}

extension CloudTransitRouterAttachment: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        autoPublishRouteEnabled = try object.decode("autoPublishRouteEnabled")
        cenId = try object.decode("cenId")
        id = try object.decode("id")
        status = try object.decode("status")
        transitRouterId = try object.decode("transitRouterId")
        vpnId = try object.decode("vpnId")
    }
}

extension CloudRouteTableLink: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        attachmentId = try object.decode("attachmentId")
        routeTableId = try object.decode("routeTableId")
        status = try object.decode("status")
    }
}

extension CloudGrant: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        cenId = try object.decode("cenId")
        cenOwnerUid = try object.decode("cenOwnerUid")
        payer = try object.decode("payer")
        vpnId = try object.decode("vpnId")
    }
}

extension ConnectionState: TapeDecodable {}
extension NegotiationStatus: TapeDecodable {}
extension TunnelState: TapeDecodable {}
extension AttachmentStatus: TapeDecodable {}
extension RouteTableLinkStatus: TapeDecodable {}
