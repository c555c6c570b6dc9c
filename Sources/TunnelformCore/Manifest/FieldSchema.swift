/// The type of a manifest field, as both the decoder and the JSON Schema generator see it.
public indirect enum FieldType: Sendable {
    /// Free text with optional length bounds.
    case string(minLength: Int? = nil, maxLength: Int? = nil)
    /// A dotted-quad IPv4 address.
    case ipv4Address
    /// An IPv4 CIDR block `a.b.c.d/n`.
    case ipv4Network
    /// An identifier that starts with a fixed prefix, e.g. `cen-`.
    case identifier(prefix: String)
    /// A numeric Alibaba Cloud account id (UID), written with or without quotes.
    case accountId
    /// A manifest address `Kind/name`, e.g. `VpnConnection/shanghai-dc`.
    case address
    /// A whole number within bounds.
    case integer(min: Int, max: Int)
    case boolean
    /// One of a closed set of words.
    case enumeration([String])
    /// An ASN: a number 1–4294967295 or asdot text `A.B`.
    case asn
    /// A secret reference: `{env: NAME}`, `{file: path}` or a literal string.
    case secret
    case object(ObjectSchema)
    case list(FieldType, minItems: Int? = nil, maxItems: Int? = nil)
    /// A mapping of free-form string keys to values.
    case map(FieldType, maxEntries: Int? = nil)

    /// How the type is named in "expected …" messages.
    public var expectation: String {
        switch self {
        case .string: "a string"
        case .ipv4Address: "an IPv4 address such as 203.0.113.10"
        case .ipv4Network: "a CIDR block such as 10.0.0.0/24"
        case .identifier(let prefix): "an id starting with '\(prefix)'"
        case .accountId: "a numeric account id"
        case .address: "an address such as VpnConnection/shanghai-dc"
        case .integer(let min, let max): "a whole number from \(min) to \(max)"
        case .boolean: "true or false"
        case .enumeration(let values): "one of " + values.joined(separator: ", ")
        case .asn: "an ASN (1–4294967295, or asdot such as 123.456)"
        case .secret: "a secret reference such as {env: NAME} or {file: path}"
        case .object: "a mapping"
        case .list: "a list"
        case .map: "a mapping"
        }
    }
}

/// One field of a manifest object.
public struct FieldSchema: Sendable {
    public var name: String
    public var type: FieldType
    public var required: Bool
    /// One line for editors and the README.
    public var summary: String
    /// The default as JSON text (`true`, `"aes"`, `86400`), when the field has one.
    public var defaultJSON: String?

    public init(_ name: String, _ type: FieldType, required: Bool = false, default defaultJSON: String? = nil, _ summary: String) {
        self.name = name
        self.type = type
        self.required = required
        self.summary = summary
        self.defaultJSON = defaultJSON
    }
}

/// A manifest object: its fields, in the order they are documented.
public struct ObjectSchema: Sendable {
    /// The definition name in the JSON Schema, e.g. `Tunnel`.
    public var name: String
    public var summary: String
    public var fields: [FieldSchema]
    /// When set, exactly one of these fields must be present.
    public var exactlyOneOf: [String]?

    public init(name: String, summary: String, fields: [FieldSchema], exactlyOneOf: [String]? = nil) {
        self.name = name
        self.summary = summary
        self.fields = fields
        self.exactlyOneOf = exactlyOneOf
    }

    public func field(_ name: String) -> FieldSchema? { fields.firstIndex { $0.name == name }.map { fields[$0] } }
    /// Whether `name` is a field; by index, without copying any `FieldSchema` (this runs for every key read).
    public func hasField(_ name: String) -> Bool { fields.firstIndex { $0.name == name } != nil }
    public var fieldNames: [String] { fields.map(\.name) }
}
