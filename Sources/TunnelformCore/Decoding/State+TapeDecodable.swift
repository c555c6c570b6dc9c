// The state file read straight off the tape (see `TapeDecodable`): the keys and shapes that the
// synthesized `Encodable` conformances in State.swift write, read in the file's sorted key order.

extension State: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        formatVersion = try object.decode("formatVersion")
        lineage = try object.decode("lineage")
        pendingOperations = try object.decode("pendingOperations")
        resources = try object.decode("resources")
        serial = try object.decode("serial")
    }
}

extension ResourceState: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        let connection: ConnectionRecord? = try object.decodeIfPresent("connection")
        let customerGateway: CustomerGatewayRecord? = try object.decodeIfPresent("customerGateway")
        let deposed: [DeposedObject] = try object.decode("deposed")
        self.init(region: try object.decode("region"), customerGateway: customerGateway, connection: connection, deposed: deposed)
    }
}

extension CustomerGatewayRecord: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        applied = try object.decode("applied")
        authKeyDigest = try object.decodeIfPresent("authKeyDigest")
        id = try object.decode("id")
    }
}

extension ConnectionRecord: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        applied = try object.decode("applied")
        associated = try object.decode("associated")
        attachment = try object.decodeIfPresent("attachment")
        grant = try object.decodeIfPresent("grant")
        id = try object.decode("id")
        propagating = try object.decode("propagating")
        tunnels = try object.decode("tunnels")
    }
}

extension TunnelRecord: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        customerGatewayId = try object.decode("customerGatewayId")
        gatewayIp = try object.decodeIfPresent("gatewayIp")
        id = try object.decode("id")
        index = try object.decode("index")
        preSharedKeyDigest = try object.decodeIfPresent("preSharedKeyDigest")
    }
}

extension AttachmentRecord: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        autoPublishRoutes = try object.decode("autoPublishRoutes")
        cenId = try object.decode("cenId")
        id = try object.decode("id")
    }
}

extension GrantRecord: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        cenId = try object.decode("cenId")
        cenOwnerUid = try object.decode("cenOwnerUid")
        payer = try object.decode("payer")
    }
}

extension SecretDigest: TapeDecodable {
    public init(tape value: TapeValue) throws {
        var object = try value.object()
        algorithm = try object.decode("algorithm")
        hash = try object.decode("hash")
        iterations = try object.decode("iterations")
        salt = try object.decode("salt")
    }
}

// Rare (objects being replaced, operations in flight): read through their `Decodable` conformances.

extension DeposedObject: TapeDecodable {
    public init(tape value: TapeValue) throws { self = try value.decodable() }
}

extension PendingOperation: TapeDecodable {
    public init(tape value: TapeValue) throws { self = try value.decodable() }
}
