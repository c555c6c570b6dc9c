/// An ordered list of operations on cloud objects: pure data, with no secret values, that can be
/// saved, compared and applied later.
public struct Plan: Codable, Equatable, Sendable {
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    /// The state lineage and serial the plan was made against; a saved plan is stale when they moved on.
    public var lineage: String
    public var serial: Int
    /// In execution order: every operation comes after the ones it waits for; ties by address.
    public var operations: [PlanOperation]
    /// Plan-level notes, e.g. that a targeted plan is partial.
    public var warnings: [String]
    /// A refresh-only plan changes no cloud object: applying it writes the refreshed state.
    public var refreshOnly: Bool
    /// What changed outside Tunnelform since the last apply, found by the refresh before planning.
    public var drift: [Drift]
    /// Why this plan cannot be applied as the manifests ask; a plan with problems is never shown or saved.
    public var problems: [PlanProblem]
    /// Records the manifests' `Moved` documents re-address before planning; applying the plan writes them.
    public var moves: [StateMove]
    /// Per address, what the on-premises devices must change after the apply (`tunnelform device-config`).
    public var onPremises: [OnPremisesChange]
    /// In a saved plan: the digest of every key it sends, so that applying it later sends the same keys.
    public var pinnedSecrets: [SecretPin]

    public init(lineage: String, serial: Int, operations: [PlanOperation], warnings: [String] = [], refreshOnly: Bool = false,
                drift: [Drift] = [], problems: [PlanProblem] = [], moves: [StateMove] = []) {
        formatVersion = Self.currentFormatVersion
        self.lineage = lineage
        self.serial = serial
        self.operations = operations
        self.warnings = warnings
        self.refreshOnly = refreshOnly
        self.drift = drift
        self.problems = problems
        self.moves = moves
        onPremises = OnPremisesChange.summary(of: operations)
        pinnedSecrets = []
    }

    /// Plans saved before drift was reported have no `drift` key.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        lineage = try container.decode(String.self, forKey: .lineage)
        serial = try container.decode(Int.self, forKey: .serial)
        operations = try container.decode([PlanOperation].self, forKey: .operations)
        warnings = try container.decode([String].self, forKey: .warnings)
        refreshOnly = try container.decode(Bool.self, forKey: .refreshOnly)
        drift = try container.decodeIfPresent([Drift].self, forKey: .drift) ?? []
        problems = try container.decodeIfPresent([PlanProblem].self, forKey: .problems) ?? []
        moves = try container.decodeIfPresent([StateMove].self, forKey: .moves) ?? []
        onPremises = try container.decodeIfPresent([OnPremisesChange].self, forKey: .onPremises) ?? []
        pinnedSecrets = try container.decodeIfPresent([SecretPin].self, forKey: .pinnedSecrets) ?? []
    }

    /// No cloud operation.
    public var isEmpty: Bool { operations.isEmpty }

    /// Nothing to do at all: no cloud operation and no record to move.
    public var changesNothing: Bool { operations.isEmpty && moves.isEmpty }

    /// Counts for the closing line: create (and the create half of replace), modify, grant,
    /// delete (and revoke).
    public var summary: (create: Int, modify: Int, grant: Int, delete: Int) {
        var counts = (create: 0, modify: 0, grant: 0, delete: 0)
        for operation in operations {
            switch operation.action {
            case .create, .replace: counts.create += 1
            case .modify: counts.modify += 1
            case .grant: counts.grant += 1
            case .delete, .revoke: counts.delete += 1
            }
        }
        return counts
    }

    public func operation(_ id: String) -> PlanOperation? { operations.first { $0.id == id } }
}

/// What an operation does to its object.
public enum PlanAction: String, Codable, Sendable, CaseIterable {
    case create, modify, grant, revoke, delete
    /// Create a new object that takes over from the current one; the old one is deleted by a
    /// later `delete` operation once nothing uses it.
    case replace

    /// Terraform's symbols.
    public var symbol: String {
        switch self {
        case .create, .grant: "+"
        case .modify: "~"
        case .delete, .revoke: "-"
        case .replace: "-/+"
        }
    }
}

/// The kind of cloud object an operation acts on.
public enum PlanObject: String, Codable, Sendable, CaseIterable, Comparable {
    case customerGateway, connection, transitRouterAttachment, routeTableAssociation, routeTablePropagation, grant

    /// The order objects of one address are listed in: the order of the cases.
    var rank: Int {
        switch self {
        case .customerGateway: 0
        case .connection: 1
        case .transitRouterAttachment: 2
        case .routeTableAssociation: 3
        case .routeTablePropagation: 4
        case .grant: 5
        }
    }

    public static func < (lhs: PlanObject, rhs: PlanObject) -> Bool { lhs.rank < rhs.rank }

    /// How the object is named to a user.
    public var displayName: String {
        switch self {
        case .customerGateway: "customer gateway"
        case .connection: "IPsec connection"
        case .transitRouterAttachment: "transit router attachment"
        case .routeTableAssociation: "default route table association"
        case .routeTablePropagation: "default route table propagation"
        case .grant: "cross-account access"
        }
    }
}

/// One attribute's change, before → after. Secret values are never held: `sensitive` marks them.
public struct AttributeChange: Codable, Equatable, Sendable {
    public var name: String
    public var before: String?
    public var after: String?
    public var sensitive: Bool
    public var forcesReplacement: Bool

    public init(name: String, before: String?, after: String?, sensitive: Bool = false, forcesReplacement: Bool = false) {
        self.name = name
        self.before = before
        self.after = after
        self.sensitive = sensitive
        self.forcesReplacement = forcesReplacement
    }
}

/// The desired object an operation realises, as declared (secret references, never values).
public enum PlanPayload: Codable, Equatable, Sendable {
    case customerGateway(CustomerGateway)
    case connection(VpnConnection)
}

/// One operation on one cloud object.
public struct PlanOperation: Codable, Equatable, Sendable, Identifiable {
    /// Stable across plans for the same intent, so a resumed apply finds its journal entry.
    public var id: String
    public var address: ResourceAddress
    public var object: PlanObject
    public var action: PlanAction
    public var region: String
    /// The existing object acted on (modify, delete, revoke), when known.
    public var cloudId: String?
    public var changes: [AttributeChange]
    public var reason: String
    /// Ids of the operations that must complete first.
    public var waitsFor: [String]
    /// The state the object must reach before dependents run (`attached`, `Active`, `gone`), if asynchronous.
    public var settlesTo: String?
    public var payload: PlanPayload?
    /// For operations on a replaced (deposed) object.
    public var deposed: Bool
    /// What the operation means for the live tunnels beyond its changes (`destroy before create: …`),
    /// shown under it as comments.
    public var notes: [String]
    /// What the customer gateway's configuration must follow once this operation is done.
    public var deviceChanges: [DeviceChange]

    public init(address: ResourceAddress, object: PlanObject, action: PlanAction, region: String, cloudId: String? = nil,
                changes: [AttributeChange] = [], reason: String, waitsFor: [String] = [], settlesTo: String? = nil,
                payload: PlanPayload? = nil, deposed: Bool = false, notes: [String] = [], deviceChanges: [DeviceChange] = []) {
        self.id = Self.id(address: address, object: object, action: action, deposedId: deposed ? cloudId : nil)
        self.address = address
        self.object = object
        self.action = action
        self.region = region
        self.cloudId = cloudId
        self.changes = changes
        self.reason = reason
        self.waitsFor = waitsFor
        self.settlesTo = settlesTo
        self.payload = payload
        self.deposed = deposed
        self.notes = notes
        self.deviceChanges = deviceChanges
    }

    private enum CodingKeys: String, CodingKey {
        case id, address, object, action, region, cloudId, changes, reason, waitsFor, settlesTo, payload, deposed, notes, deviceChanges
    }

    /// Plans saved before notes existed have no `notes` key.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        address = try container.decode(ResourceAddress.self, forKey: .address)
        object = try container.decode(PlanObject.self, forKey: .object)
        action = try container.decode(PlanAction.self, forKey: .action)
        region = try container.decode(String.self, forKey: .region)
        cloudId = try container.decodeIfPresent(String.self, forKey: .cloudId)
        changes = try container.decode([AttributeChange].self, forKey: .changes)
        reason = try container.decode(String.self, forKey: .reason)
        waitsFor = try container.decode([String].self, forKey: .waitsFor)
        settlesTo = try container.decodeIfPresent(String.self, forKey: .settlesTo)
        payload = try container.decodeIfPresent(PlanPayload.self, forKey: .payload)
        deposed = try container.decode(Bool.self, forKey: .deposed)
        notes = try container.decodeIfPresent([String].self, forKey: .notes) ?? []
        deviceChanges = try container.decodeIfPresent([DeviceChange].self, forKey: .deviceChanges) ?? []
    }

    public static func id(address: ResourceAddress, object: PlanObject, action: PlanAction, deposedId: String? = nil) -> String {
        var id = "\(address):\(object.rawValue):\(action.rawValue)"
        if let deposedId { id += ":\(deposedId)" }
        return id
    }
}

/// A reason the manifests cannot be planned as written, found only against the state (the offline
/// rules cannot know what the cloud holds): the CLI points it at the field's file, line and column.
public struct PlanProblem: Codable, Equatable, Sendable {
    public var address: ResourceAddress
    /// The tunnel (0 or 1) whose field is meant, if any.
    public var tunnel: Int?
    /// The field of the declaration (or of the tunnel) to point at, dotted: `replacement`, `bgp.tunnelCidr`.
    public var field: String
    public var message: String
    public var hint: String

    public init(address: ResourceAddress, tunnel: Int? = nil, field: String, message: String, hint: String) {
        self.address = address
        self.tunnel = tunnel
        self.field = field
        self.message = message
        self.hint = hint
    }
}
