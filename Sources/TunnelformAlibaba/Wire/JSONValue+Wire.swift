import Foundation
import TunnelformCore

/// Tolerant readers for OpenAPI responses: numbers sent as strings, booleans as `"true"`,
/// lists wrapped in XML-derived objects (`Tags.Tag[]`) or not, a single item where a list was expected.
extension JSONValue {
    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// Follows `a.b.c` through nested objects.
    func at(_ path: String) -> JSONValue? {
        var value: JSONValue? = self
        for key in path.split(separator: ".") { value = value?[String(key)] }
        return value
    }

    var stringValue: String? {
        switch self {
        case .string(let text): text
        case .integer(let number): String(number)
        case .double(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    /// The string, or nil when it is missing or empty.
    var nonEmptyString: String? { stringValue.flatMap { $0.isEmpty ? nil : $0 } }

    var int64Value: Int64? {
        switch self {
        case .integer(let number): number
        case .double(let number): number == number.rounded() && abs(number) < 9e18 ? Int64(number) : nil
        case .string(let text): Int64(text.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    var boolValue: Bool? {
        switch self {
        case .bool(let flag): flag
        case .integer(let number): number != 0
        case .string(let text):
            switch text.lowercased() {
            case "true": true
            case "false": false
            default: nil
            }
        default: nil
        }
    }

    /// An array as is, a single object as a one-item list, anything else as empty.
    var items: [JSONValue] {
        switch self {
        case .array(let values): values
        case .object: [self]
        default: []
        }
    }

    /// The list under `outer`, wrapped (`outer.inner[]`) or plain (`outer[]`).
    func list(_ outer: String, _ inner: String) -> [JSONValue] {
        guard let value = self[outer] else { return [] }
        if case .object(let members) = value {
            return members[inner]?.items ?? []
        }
        return value.items
    }

    /// Tags from `Tags.Tag[]` (single-object calls) or `Tag.Tag[]` (list calls), whichever is present.
    var tags: [String: String] {
        let entries = list("Tags", "Tag") + list("Tag", "Tag")
        var tags: [String: String] = [:]
        for entry in entries {
            guard let key = entry["Key"]?.nonEmptyString ?? entry["TagKey"]?.nonEmptyString else { continue }
            tags[key] = entry["Value"]?.stringValue ?? entry["TagValue"]?.stringValue ?? ""
        }
        return tags
    }

    /// Parses a response body; nil when it is not JSON.
    static func parse(bytes: [UInt8]) -> JSONValue? {
        try? JSONValue(parsing: bytes)
    }
}
