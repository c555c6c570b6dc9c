import Foundation

/// What Tunnelform knows it manages: the cloud ids behind every manifest address, the
/// attributes as last applied, secret digests, and the journal of operations in flight.
///
/// Written as canonical JSON next to the manifests and meant to be committed; holds no secret.
public struct State: Codable, Equatable, Sendable {
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    /// Fixed when the state is born; a saved plan made against another lineage is refused.
    public var lineage: String
    /// Bumped on every write that changes anything.
    public var serial: Int
    public var resources: [String: ResourceState]
    /// Intents recorded before each mutating call and cleared when it completes.
    public var pendingOperations: [PendingOperation]

    /// A new state; its lineage stays empty until the first write gives it one, so plans made
    /// before anything was applied still match the state they were made against.
    public init(lineage: String = "") {
        formatVersion = Self.currentFormatVersion
        self.lineage = lineage
        serial = 0
        resources = [:]
        pendingOperations = []
    }

    public subscript(address: ResourceAddress) -> ResourceState? {
        get { resources[address.description] }
        set { resources[address.description] = newValue }
    }

    /// Every address in the state, sorted.
    public var addresses: [ResourceAddress] {
        resources.keys.compactMap(ResourceAddress.init(parsing:)).sorted()
    }

    /// Every region a record is in.
    public var regions: Set<String> {
        Set(resources.values.lazy.map(\.region))
    }

    public func pending(_ operationId: String) -> PendingOperation? {
        pendingOperations.first { $0.operationId == operationId }
    }
}

/// One manifest address in the state.
///
/// Copied often (the refresher and the planner pass records around by value, and a state of
/// 10,000 connections is 20,000 of them), so the fields live in one shared, copy-on-write box: a
/// copy costs one reference count instead of one for every string and array inside, and two
/// records that were never changed compare equal without looking inside.
public struct ResourceState: Codable, Equatable, Sendable {
    /// Mutated only through `unique()`, so a box is never changed while another record shares it.
    private final class Fields: @unchecked Sendable {
        var region: String
        var customerGateway: CustomerGatewayRecord?
        var connection: ConnectionRecord?
        var deposed: [DeposedObject]

        init(region: String, customerGateway: CustomerGatewayRecord?, connection: ConnectionRecord?, deposed: [DeposedObject]) {
            self.region = region
            self.customerGateway = customerGateway
            self.connection = connection
            self.deposed = deposed
        }

        func copy() -> Fields { Fields(region: region, customerGateway: customerGateway, connection: connection, deposed: deposed) }
    }

    private var fields: Fields

    public init(region: String, customerGateway: CustomerGatewayRecord? = nil, connection: ConnectionRecord? = nil, deposed: [DeposedObject] = []) {
        fields = Fields(region: region, customerGateway: customerGateway, connection: connection, deposed: deposed)
    }

    public var region: String {
        get { fields.region }
        _modify { unique(); yield &fields.region }
    }

    public var customerGateway: CustomerGatewayRecord? {
        get { fields.customerGateway }
        _modify { unique(); yield &fields.customerGateway }
    }

    public var connection: ConnectionRecord? {
        get { fields.connection }
        _modify { unique(); yield &fields.connection }
    }

    /// Objects replaced by newer ones and not yet deleted (create-before-destroy).
    public var deposed: [DeposedObject] {
        get { fields.deposed }
        _modify { unique(); yield &fields.deposed }
    }

    public var isEmpty: Bool { customerGateway == nil && connection == nil && deposed.isEmpty }

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&fields) { fields = fields.copy() }
    }

    public static func == (lhs: ResourceState, rhs: ResourceState) -> Bool {
        lhs.fields === rhs.fields
            || (lhs.region == rhs.region && lhs.customerGateway == rhs.customerGateway && lhs.connection == rhs.connection
                && lhs.deposed == rhs.deposed)
    }

    // The keys and shapes the synthesized conformance wrote before the fields moved into a box.
    private enum CodingKeys: String, CodingKey { case region, customerGateway, connection, deposed }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(region: try container.decode(String.self, forKey: .region),
                  customerGateway: try container.decodeIfPresent(CustomerGatewayRecord.self, forKey: .customerGateway),
                  connection: try container.decodeIfPresent(ConnectionRecord.self, forKey: .connection),
                  deposed: try container.decode([DeposedObject].self, forKey: .deposed))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(region, forKey: .region)
        try container.encodeIfPresent(customerGateway, forKey: .customerGateway)
        try container.encodeIfPresent(connection, forKey: .connection)
        try container.encode(deposed, forKey: .deposed)
    }
}

/// A customer gateway as last applied.
public struct CustomerGatewayRecord: Codable, Equatable, Sendable {
    public var id: String
    public var applied: CustomerGateway
    public var authKeyDigest: SecretDigest?

    public init(id: String, applied: CustomerGateway, authKeyDigest: SecretDigest?) {
        self.id = id
        self.applied = applied
        self.authKeyDigest = authKeyDigest
    }
}

/// A connection and everything attached to it, as last applied.
public struct ConnectionRecord: Codable, Equatable, Sendable {
    public var id: String
    public var applied: VpnConnection
    public var tunnels: [TunnelRecord]
    public var attachment: AttachmentRecord?
    public var associated: Bool
    public var propagating: Bool
    public var grant: GrantRecord?

    public init(id: String, applied: VpnConnection, tunnels: [TunnelRecord], attachment: AttachmentRecord? = nil,
                associated: Bool = false, propagating: Bool = false, grant: GrantRecord? = nil) {
        self.id = id
        self.applied = applied
        self.tunnels = tunnels
        self.attachment = attachment
        self.associated = associated
        self.propagating = propagating
        self.grant = grant
    }
}

/// One tunnel of a connection: its cloud id, gateway IP once attached, and its key's digest.
public struct TunnelRecord: Codable, Equatable, Sendable {
    /// 1 or 2.
    public var index: Int
    public var id: String
    public var gatewayIp: IPv4Address?
    public var customerGatewayId: String
    /// Nil when the cloud generated the key.
    public var preSharedKeyDigest: SecretDigest?

    public init(index: Int, id: String, gatewayIp: IPv4Address?, customerGatewayId: String, preSharedKeyDigest: SecretDigest?) {
        self.index = index
        self.id = id
        self.gatewayIp = gatewayIp
        self.customerGatewayId = customerGatewayId
        self.preSharedKeyDigest = preSharedKeyDigest
    }
}

/// A transit-router VPN attachment.
public struct AttachmentRecord: Codable, Equatable, Sendable {
    public var id: String
    public var cenId: String
    public var autoPublishRoutes: Bool

    public init(id: String, cenId: String, autoPublishRoutes: Bool) {
        self.id = id
        self.cenId = cenId
        self.autoPublishRoutes = autoPublishRoutes
    }
}

/// A cross-account grant.
public struct GrantRecord: Codable, Equatable, Sendable {
    public var cenId: String
    public var cenOwnerUid: String
    public var payer: Payer

    public init(cenId: String, cenOwnerUid: String, payer: Payer) {
        self.cenId = cenId
        self.cenOwnerUid = cenOwnerUid
        self.payer = payer
    }
}

/// An object that was replaced and still has to be deleted.
public enum DeposedObject: Codable, Equatable, Sendable {
    case customerGateway(id: String)
    case connection(ConnectionRecord)
}

/// An intent recorded before a mutating call: if the process dies, the next apply reuses the
/// token so the cloud returns the object it already made instead of making a second one.
public struct PendingOperation: Codable, Equatable, Sendable {
    public var operationId: String
    public var address: ResourceAddress
    public var token: String
    public var startedAt: Date

    public init(operationId: String, address: ResourceAddress, token: String, startedAt: Date) {
        self.operationId = operationId
        self.address = address
        self.token = token
        self.startedAt = startedAt
    }
}
