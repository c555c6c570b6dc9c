/// Writes strongSwan's settings syntax (swanctl.conf): nested `name { … }` sections and
/// `key = value` lines, indented by two spaces per level.
struct SwanctlWriter {
    private(set) var text = ""
    private var depth = 0

    private var indent: String { String(repeating: "  ", count: depth) }

    /// A `#` comment; control characters in `line` become spaces so a name cannot end the comment.
    mutating func comment(_ line: String) {
        let clean = String(String.UnicodeScalarView(line.unicodeScalars.map {
            $0.properties.generalCategory == .control ? " " : $0
        }))
        text += clean.isEmpty ? "\(indent)#\n" : "\(indent)# \(clean)\n"
    }

    mutating func blank() { text += "\n" }

    mutating func open(_ name: String) {
        text += "\(indent)\(name) {\n"
        depth += 1
    }

    mutating func close() {
        depth -= 1
        text += "\(indent)}\n"
    }

    mutating func set(_ key: String, _ value: String) { text += "\(indent)\(key) = \(value)\n" }

    mutating func set(_ key: String, seconds: Int) { set(key, "\(seconds)s") }

    /// A double-quoted value: strongSwan reads `\\` and `\"` inside quotes as `\` and `"`.
    mutating func setQuoted(_ key: String, _ value: String) {
        let escaped = value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        set(key, "\"\(escaped)\"")
    }
}
