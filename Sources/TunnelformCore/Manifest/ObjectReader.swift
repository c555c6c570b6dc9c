/// Collects the diagnostics of one decoding run.
final class DiagnosticCollector {
    var diagnostics: [Diagnostic] = []
    var errorCount = 0

    func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        if diagnostic.severity == .error { errorCount += 1 }
    }
}

/// Reads one YAML mapping through its `ObjectSchema`: unknown keys, missing required fields and
/// wrongly typed values become positioned diagnostics, and each accessor returns nil for them.
///
/// Accessors take field names; a name the schema does not declare is a programming error that
/// the decoder tests catch, so reading and the printed schema cannot drift apart.
struct ObjectReader {
    let mapping: YAMLMapping
    let schema: ObjectSchema
    let address: String?
    let collector: DiagnosticCollector

    init?(_ node: YAMLNode, schema: ObjectSchema, address: String?, collector: DiagnosticCollector, context: String) {
        guard case .mapping(let mapping) = node else {
            collector.append(.error(
                "\(context) must be a mapping, found \(node.kindDescription)",
                hint: "write it as 'key: value' lines or {key: value}", address: address, at: node.location))
            return nil
        }
        self.mapping = mapping
        self.schema = schema
        self.address = address
        self.collector = collector
        checkKeys(context: context)
    }

    // Entries and fields are visited by index: a `for … in` loop would copy each element, paying a
    // reference count for every string in it, and this runs for every object of every manifest.
    private func checkKeys(context: String) {
        for index in mapping.entries.indices where !schema.hasField(mapping.entries[index].key.value) {
            let key = mapping.entries[index].key
            let hint = Suggestion.hint(for: key.value, in: schema.fieldNames)
                ?? "valid keys: " + schema.fieldNames.joined(separator: ", ")
            error("unknown key '\(key.value)' in \(context)", hint: hint, at: key.location)
        }
        for index in schema.fields.indices where schema.fields[index].required && mapping.index(ofKey: schema.fields[index].name) == nil {
            let field = schema.fields[index]
            error("missing required key '\(field.name)' in \(context)", hint: "add '\(field.name):' (\(field.summary))", at: mapping.location)
        }
        if let exclusive = schema.exactlyOneOf {
            let present = exclusive.filter { mapping.index(ofKey: $0) != nil }
            if present.count != 1 {
                let found = present.isEmpty ? "neither" : present.joined(separator: " and ")
                error("\(context) needs exactly one of \(exclusive.joined(separator: " or ")), found \(found)",
                      hint: "keep one of them", at: mapping.location)
            }
        }
    }

    func error(_ message: String, hint: String? = nil, at location: SourceLocation) {
        collector.append(.error(message, hint: hint, address: address, at: location))
    }

    private func fieldSchema(_ name: String) -> FieldSchema {
        if let field = schema.field(name) { return field }
        assertionFailure("\(schema.name) has no field \(name)")
        return FieldSchema(name, .string(), "")
    }

    /// The written node of a field, or nil when absent.
    func node(_ name: String) -> YAMLNode? {
        assert(schema.hasField(name), "\(schema.name) has no field \(name)")
        return mapping[name]
    }

    func location(_ name: String) -> SourceLocation { mapping[name]?.location ?? mapping.location }

    /// The scalar of a field; a mapping, list or null where a scalar belongs is an error.
    func scalar(_ name: String) -> YAMLScalar? {
        assert(schema.hasField(name), "\(schema.name) has no field \(name)")
        guard let index = mapping.index(ofKey: name) else { return nil }
        // Matched in place: most fields are scalars, and copying each node out first costs reference counts.
        guard case .scalar(let scalar) = mapping.entries[index].value, !scalar.isNull else {
            let node = mapping.entries[index].value
            error("'\(name)' must be \(fieldSchema(name).type.expectation), found \(node.kindDescription)", at: node.location)
            return nil
        }
        return scalar
    }

    func string(_ name: String) -> String? { scalar(name)?.value }

    func bool(_ name: String) -> Bool? {
        guard let scalar = scalar(name) else { return nil }
        if scalar.style == .plain {
            switch scalar.value {
            case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
            case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
            default: break
            }
        }
        error("'\(name)' must be true or false, found '\(scalar.value)'", hint: "write true or false without quotes", at: scalar.location)
        return nil
    }

    func integer(_ name: String) -> Int? {
        guard let scalar = scalar(name) else { return nil }
        guard scalar.style == .plain, scalar.value.utf8.count <= 18,
              !scalar.value.isEmpty, scalar.value.utf8.allSatisfy({ (48...57).contains($0) }),
              let value = Int(scalar.value) else {
            error("'\(name)' must be \(fieldSchema(name).type.expectation), found '\(scalar.value)'", at: scalar.location)
            return nil
        }
        return value
    }

    func enumeration<E: ManifestEnum>(_ name: String, _: E.Type) -> E? {
        guard let scalar = scalar(name) else { return nil }
        if let value = E(rawValue: scalar.value) { return value }
        let valid = E.allValues
        let suggestion = Suggestion.hint(for: scalar.value, in: valid).map { $0 + " " } ?? ""
        error("unknown value '\(scalar.value)' for '\(name)'",
              hint: suggestion + "valid values: " + valid.joined(separator: ", "), at: scalar.location)
        return nil
    }

    func ipv4Address(_ name: String) -> IPv4Address? {
        guard let scalar = scalar(name) else { return nil }
        if let address = IPv4Address(scalar.value) { return address }
        error("'\(scalar.value)' is not an IPv4 address", hint: "write four numbers 0–255 such as 203.0.113.10", at: scalar.location)
        return nil
    }

    func ipv4Network(_ name: String) -> IPv4Network? {
        guard let scalar = scalar(name) else { return nil }
        return ObjectReader.parseNetwork(scalar, field: name, collector: collector, address: address)
    }

    static func parseNetwork(_ scalar: YAMLScalar, field: String, collector: DiagnosticCollector, address: String?) -> IPv4Network? {
        if let network = IPv4Network(scalar.value) { return network }
        collector.append(.error("'\(scalar.value)' in '\(field)' is not a CIDR block",
                                hint: "write an address and prefix length such as 10.0.0.0/24",
                                address: address, at: scalar.location))
        return nil
    }

    /// An ASN. Unquoted, an asdot value is a number to YAML (`1.10` is the float 1.1, `65010.0` is 65010),
    /// so a plain one is taken as asdot only when no float could be meant: `65010.0` (whose low part is
    /// all zeros) is refused, and `1.10` warns that other YAML tools read it as a number.
    func asn(_ name: String) -> ASN? {
        guard let scalar = scalar(name) else { return nil }
        if scalar.style == .plain, let dot = scalar.value.firstIndex(of: "."), let asn = ASN(parsing: scalar.value) {
            let high = scalar.value[..<dot], low = scalar.value[scalar.value.index(after: dot)...]
            if low.allSatisfy({ $0 == "0" }) {
                error("'\(scalar.value)' for '\(name)' is the number \(high) to YAML, but asdot \(scalar.value) would be \(asn)",
                      hint: "write \(high) for the number, or quote it for asdot: \"\(scalar.value)\"", at: scalar.location)
                return nil
            }
            collector.append(.warning("the unquoted asdot ASN \(scalar.value) for '\(name)' is a number to YAML tools (and the JSON Schema)",
                                      hint: "quote it: \"\(scalar.value)\"", address: address, at: scalar.location))
            return asn
        }
        if let asn = ASN(parsing: scalar.value) { return asn }
        error("'\(scalar.value)' is not a valid ASN for '\(name)'",
              hint: "use a number from 1 to 4294967295, or asdot A.B with each part 0–65535", at: scalar.location)
        return nil
    }

    func address(_ name: String) -> ResourceAddress? {
        guard let value = string(name) else { return nil }
        if let address = ResourceAddress(parsing: value) { return address }
        let kinds = ResourceAddress.Kind.allCases.map(\.rawValue)
        error("'\(name)' must be an address Kind/name, found '\(value)'",
              hint: "e.g. VpnConnection/shanghai-dc; kinds: " + kinds.joined(separator: ", "), at: location(name))
        return nil
    }

    func identifier(_ name: String) -> String? {
        guard let value = string(name) else { return nil }
        guard case .identifier(let prefix) = fieldSchema(name).type, !value.hasPrefix(prefix) else { return value }
        error("'\(name)' must be an id starting with '\(prefix)', found '\(value)'", hint: "copy the id from the console, e.g. \(prefix)0123456789abcdef", at: location(name))
        return nil
    }

    /// A secret reference; `base` is the folder of the manifest, for `{file: …}`, worked out only for that form.
    func secret(_ name: String, base: @autoclosure () -> String) -> SecretReference? {
        guard let node = node(name) else { return nil }
        switch node {
        case .scalar(let scalar) where !scalar.isNull:
            return .literal(scalar.value)
        case .mapping(let mapping) where mapping.entries.count == 1:
            let entry = mapping.entries[0]
            guard case .scalar(let value) = entry.value, !value.isNull, !value.value.isEmpty else {
                error("'\(name).\(entry.key.value)' must be a non-empty string", at: entry.value.location)
                return nil
            }
            switch entry.key.value {
            case "env": return .env(value.value)
            case "file": return .file(path: value.value, base: base())
            default:
                let hint = Suggestion.hint(for: entry.key.value, in: ManifestSchema.secretForms) ?? "use {env: NAME} or {file: path}"
                error("unknown secret reference '\(entry.key.value)' in '\(name)'", hint: hint, at: entry.key.location)
                return nil
            }
        default:
            error("'\(name)' must be \(FieldType.secret.expectation), found \(node.kindDescription)",
                  hint: "use {env: NAME} or {file: path}", at: node.location)
            return nil
        }
    }

    /// A nested object read through its own schema.
    func object(_ name: String) -> ObjectReader? {
        guard let node = node(name), case .object(let schema) = fieldSchema(name).type else { return nil }
        return ObjectReader(node, schema: schema, address: address, collector: collector, context: "'\(name)'")
    }

    /// The items of a list field.
    func list(_ name: String) -> [YAMLNode]? {
        guard let node = node(name) else { return nil }
        guard case .sequence(let sequence) = node else {
            error("'\(name)' must be a list, found \(node.kindDescription)", hint: "write one '- item' line per entry", at: node.location)
            return nil
        }
        return sequence.items
    }

    /// A list of CIDR blocks.
    func networks(_ name: String) -> [IPv4Network]? {
        guard let items = list(name) else { return nil }
        var networks: [IPv4Network] = []
        var failed = false
        for item in items {
            guard case .scalar(let scalar) = item, !scalar.isNull else {
                error("each entry of '\(name)' must be a CIDR block, found \(item.kindDescription)", at: item.location)
                failed = true
                continue
            }
            if let network = ObjectReader.parseNetwork(scalar, field: name, collector: collector, address: address) {
                networks.append(network)
            } else {
                failed = true
            }
        }
        return failed ? nil : networks
    }

    /// A mapping of string keys to string values (tags).
    func stringMap(_ name: String) -> [String: String]? {
        guard let node = node(name) else { return nil }
        guard case .mapping(let map) = node else {
            error("'\(name)' must be a mapping of keys to values, found \(node.kindDescription)", at: node.location)
            return nil
        }
        var result: [String: String] = [:]
        result.reserveCapacity(map.entries.count)
        for entry in map.entries {
            guard case .scalar(let value) = entry.value else {
                error("the value of '\(name).\(entry.key.value)' must be a string, found \(entry.value.kindDescription)", at: entry.value.location)
                continue
            }
            result[entry.key.value] = value.isNull ? "" : value.value
        }
        return result
    }
}
