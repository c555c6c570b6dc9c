import TunnelformCore

// The simulated cloud's file read straight off the tape (see `TapeDecodable`): what the synthesized
// `Encodable` conformances of CloudSnapshot.swift write, read in the file's sorted key order.
// Dates (`readyAt`) are rare and go through `Decodable`.

extension CloudSnapshot: TapeDecodable {
    init(tape value: TapeValue) throws {
        var object = try value.object()
        formatVersion = try object.decode("formatVersion")
        idempotency = try object.decode("idempotency")
        regions = try object.decode("regions")
        serviceLinkedRoleCreations = try object.decode("serviceLinkedRoleCreations")
    }
}

extension RegionSnapshot: TapeDecodable {
    init(tape value: TapeValue) throws {
        var object = try value.object()
        associations = try object.decode("associations")
        attachments = try object.decode("attachments")
        connections = try object.decode("connections")
        customerGateways = try object.decode("customerGateways")
        grants = try object.decode("grants")
        propagations = try object.decode("propagations")
    }
}

extension SimulatedConnection: TapeDecodable {
    init(tape value: TapeValue) throws {
        var object = try value.object()
        connection = try object.decode("connection")
        pending = try object.valueIfPresent("pending")?.decodable()
    }
}

extension SimulatedAttachment: TapeDecodable {
    init(tape value: TapeValue) throws {
        var object = try value.object()
        attachment = try object.decode("attachment")
        readyAt = try object.valueIfPresent("readyAt")?.decodable()
    }
}

extension SimulatedLink: TapeDecodable {
    init(tape value: TapeValue) throws {
        var object = try value.object()
        link = try object.decode("link")
        readyAt = try object.valueIfPresent("readyAt")?.decodable()
    }
}

extension IdempotencyRecord: TapeDecodable {
    init(tape value: TapeValue) throws {
        var object = try value.object()
        createdId = try object.decodeIfPresent("createdId")
        fingerprint = try object.decode("fingerprint")
        requestId = try object.decodeIfPresent("requestId")
    }
}
