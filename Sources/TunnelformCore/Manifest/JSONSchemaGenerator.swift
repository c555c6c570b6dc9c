/// Builds the draft-07 JSON Schema of the manifest format from `ManifestSchema`, the same
/// definitions the decoder reads through.
public enum JSONSchemaGenerator {
    public static let schemaId = "https://tunnelform.dev/schema/manifest.json"

    public static func schema() -> JSONValue {
        var definitions: [String: JSONValue] = [:]
        for kind in ManifestSchema.kinds { collect(kind, into: &definitions) }
        definitions["SecretReference"] = secretReference
        definitions["Asn"] = asn
        return [
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$id": .string(schemaId),
            "title": "Tunnelform manifest",
            "description": "One document of a Tunnelform manifest: a CustomerGateway or a VpnConnection.",
            "oneOf": .array(ManifestSchema.kinds.map { ["$ref": .string("#/definitions/\($0.name)")] }),
            "definitions": .object(definitions),
        ]
    }

    private static func collect(_ object: ObjectSchema, into definitions: inout [String: JSONValue]) {
        guard definitions[object.name] == nil else { return }
        var properties: [String: JSONValue] = [:]
        for field in object.fields {
            var property = type(field.type, collecting: &definitions)
            if case .object(var members) = property {
                members["description"] = .string(field.summary)
                if let text = field.defaultJSON, let value = JSONValue.parse(text) { members["default"] = value }
                property = .object(members)
            }
            properties[field.name] = property
        }
        var definition: [String: JSONValue] = [
            "type": "object",
            "description": .string(object.summary),
            "properties": .object(properties),
            "additionalProperties": false,
        ]
        let required = object.fields.filter(\.required).map { JSONValue.string($0.name) }
        if !required.isEmpty { definition["required"] = .array(required) }
        if let exclusive = object.exactlyOneOf {
            definition["oneOf"] = .array(exclusive.map { ["required": [.string($0)]] })
        }
        definitions[object.name] = .object(definition)
    }

    private static func type(_ type: FieldType, collecting definitions: inout [String: JSONValue]) -> JSONValue {
        switch type {
        case .string(let minLength, let maxLength):
            var schema: [String: JSONValue] = ["type": "string"]
            if let minLength { schema["minLength"] = .integer(Int64(minLength)) }
            if let maxLength { schema["maxLength"] = .integer(Int64(maxLength)) }
            return .object(schema)
        case .ipv4Address:
            return ["type": "string", "pattern": .string(ipv4Pattern)]
        case .ipv4Network:
            return ["type": "string", "pattern": .string(cidrPattern)]
        case .identifier(let prefix):
            return ["type": "string", "pattern": .string("^\(prefix)[A-Za-z0-9]+$")]
        case .address:
            let kinds = ResourceAddress.Kind.allCases.map(\.rawValue).joined(separator: "|")
            return ["type": "string", "pattern": .string("^(\(kinds))/.+$")]
        case .accountId:
            return ["type": ["string", "integer"], "pattern": "^[0-9]{1,20}$", "minimum": 1]
        case .integer(let min, let max):
            return ["type": "integer", "minimum": .integer(Int64(min)), "maximum": .integer(Int64(max))]
        case .boolean:
            return ["type": "boolean"]
        case .enumeration(let values):
            return ["type": "string", "enum": .array(values.map(JSONValue.string))]
        case .asn:
            return ["$ref": "#/definitions/Asn"]
        case .secret:
            return ["$ref": "#/definitions/SecretReference"]
        case .object(let object):
            collect(object, into: &definitions)
            return ["$ref": .string("#/definitions/\(object.name)")]
        case .list(let element, let minItems, let maxItems):
            var schema: [String: JSONValue] = ["type": "array", "items": Self.type(element, collecting: &definitions)]
            if let minItems { schema["minItems"] = .integer(Int64(minItems)) }
            if let maxItems { schema["maxItems"] = .integer(Int64(maxItems)) }
            return .object(schema)
        case .map(let value, let maxEntries):
            var schema: [String: JSONValue] = ["type": "object", "additionalProperties": Self.type(value, collecting: &definitions)]
            if let maxEntries { schema["maxProperties"] = .integer(Int64(maxEntries)) }
            return .object(schema)
        }
    }

    static let octet = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
    static let ipv4Pattern = "^\(octet)(\\.\(octet)){3}$"
    static let cidrPattern = "^\(octet)(\\.\(octet)){3}/(3[0-2]|[12]?[0-9])$"

    static let secretReference: JSONValue = [
        "description": "A secret: {env: NAME}, {file: path relative to the manifest}, or a literal string (warned about).",
        "oneOf": [
            ["type": "string", "minLength": 1],
            ["type": "object", "properties": ["env": ["type": "string", "minLength": 1]], "required": ["env"], "additionalProperties": false],
            ["type": "object", "properties": ["file": ["type": "string", "minLength": 1]], "required": ["file"], "additionalProperties": false],
        ],
    ]

    static let asn: JSONValue = [
        "description": "An ASN: 1–4294967295, or asdot A.B meaning A×65536+B.",
        "oneOf": [
            ["type": "integer", "minimum": 1, "maximum": 4294967295],
            ["type": "string", "pattern": "^[0-9]{1,5}\\.[0-9]{1,5}$"],
        ],
    ]
}
