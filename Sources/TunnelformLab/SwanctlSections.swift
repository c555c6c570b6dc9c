/// A reader of strongSwan's settings syntax just deep enough to find, in a user's swanctl.conf,
/// the connections (with their `remote_addrs` and child names) and where each is written, so the
/// lab can give each tunnel's daemon only that tunnel's connections while keeping the text as
/// the user wrote it.
struct SwanctlSections {
    /// A `name { … }` section: its settings, subsections and where it starts and ends in the text.
    struct Section {
        var name: String
        var settings: [String: String] = [:]
        var sections: [Section] = []
        /// UTF-8 offsets of the section's first name character and just past its closing brace.
        var range: Range<Int>

        func section(_ name: String) -> Section? { sections.first { $0.name == name } }
    }

    /// A connection from the `connections` section.
    struct Connection {
        var name: String
        var remoteAddresses: [String]
        var children: [String]
        var range: Range<Int>
    }

    let text: String
    let root: Section

    init(_ text: String) throws(LabError) {
        self.text = text
        var parser = Parser(bytes: Array(text.utf8))
        root = try parser.parseRoot()
    }

    var connections: [Connection] {
        (root.section("connections")?.sections ?? []).map { section in
            Connection(
                name: section.name,
                remoteAddresses: (section.settings["remote_addrs"] ?? "").split(separator: ",")
                    .map { $0.trimmingWhitespace() }.filter { !$0.isEmpty },
                children: section.section("children")?.sections.map(\.name) ?? [],
                range: section.range)
        }
    }

    /// The text with every connection not in `keep` cut out; secrets and everything else stay.
    func keepingOnly(_ keep: Set<String>) -> String {
        var bytes = Array(text.utf8)
        for connection in connections.reversed() where !keep.contains(connection.name) {
            bytes.replaceSubrange(connection.range, with: [])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A recursive-descent reader over UTF-8 bytes: comments (`#` to end of line), sections
    /// (`name {`, also `name : template {`), settings (`key = value` up to a newline, `}` or `#`,
    /// or a double-quoted string with `\` escapes) and `include` lines, which are skipped.
    struct Parser {
        let bytes: [UInt8]
        var position = 0

        mutating func parseRoot() throws(LabError) -> Section {
            var root = Section(name: "", range: 0..<bytes.count)
            try parseBody(into: &root, nested: false)
            return root
        }

        private mutating func parseBody(into section: inout Section, nested: Bool) throws(LabError) {
            while true {
                skipSpaceAndComments(newlines: true)
                guard position < bytes.count else {
                    if nested { throw .unreadablePeerConfig("section '\(section.name)' is not closed with '}'") }
                    return
                }
                if bytes[position] == UInt8(ascii: "}") {
                    guard nested else { throw .unreadablePeerConfig("unexpected '}' at line \(line)") }
                    position += 1
                    return
                }
                let start = position
                let name = readName()
                guard !name.isEmpty else { throw .unreadablePeerConfig("unexpected character at line \(line)") }
                skipSpaceAndComments(newlines: false)
                if name == "include" && (position >= bytes.count || bytes[position] != UInt8(ascii: "=")) {
                    skipToEndOfLine()
                    continue
                }
                guard position < bytes.count else { throw .unreadablePeerConfig("'\(name)' at line \(line) has no value") }
                switch bytes[position] {
                case UInt8(ascii: "="):
                    position += 1
                    section.settings[name] = try readValue()
                case UInt8(ascii: "{"), UInt8(ascii: ":"):
                    while position < bytes.count && bytes[position] != UInt8(ascii: "{") { position += 1 }
                    position += 1
                    var child = Section(name: name, range: start..<start)
                    try parseBody(into: &child, nested: true)
                    child.range = start..<position
                    section.sections.append(child)
                default:
                    throw .unreadablePeerConfig("expected '=' or '{' after '\(name)' at line \(line)")
                }
            }
        }

        private var line: Int { bytes[..<min(position, bytes.count)].filter { $0 == UInt8(ascii: "\n") }.count + 1 }

        private mutating func readName() -> String {
            let start = position
            while position < bytes.count, !Self.isSpace(bytes[position]),
                  !"{}=:#\"\n".utf8.contains(bytes[position]) {
                position += 1
            }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        private mutating func readValue() throws(LabError) -> String {
            skipSpaceAndComments(newlines: false)
            if position < bytes.count && bytes[position] == UInt8(ascii: "\"") {
                position += 1
                var value: [UInt8] = []
                while position < bytes.count && bytes[position] != UInt8(ascii: "\"") {
                    if bytes[position] == UInt8(ascii: "\\") && position + 1 < bytes.count { position += 1 }
                    value.append(bytes[position])
                    position += 1
                }
                guard position < bytes.count else { throw .unreadablePeerConfig("a quoted value is not closed") }
                position += 1
                return String(decoding: value, as: UTF8.self)
            }
            let start = position
            while position < bytes.count, !"\n}#".utf8.contains(bytes[position]) { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self).trimmingWhitespace()
        }

        private mutating func skipSpaceAndComments(newlines: Bool) {
            while position < bytes.count {
                let byte = bytes[position]
                if Self.isSpace(byte) || (newlines && byte == UInt8(ascii: "\n")) {
                    position += 1
                } else if byte == UInt8(ascii: "#") {
                    skipToEndOfLine()
                } else {
                    return
                }
            }
        }

        private mutating func skipToEndOfLine() {
            while position < bytes.count && bytes[position] != UInt8(ascii: "\n") { position += 1 }
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
        }
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

extension SwanctlSections {
    /// What the lab needs to know of one connection of the file (see `CustomerConnectionFacts`).
    func facts(for name: String) -> CustomerConnectionFacts? {
        guard let section = root.section("connections")?.section(name) else { return nil }
        let local = section.sections.first { $0.name.hasPrefix("local") }
        let remote = section.sections.first { $0.name.hasPrefix("remote") }
        let child = section.section("children")?.sections.first
        func list(_ value: String?) -> [String] {
            (value ?? "").split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        }
        let keys = root.section("secrets")?.sections.filter { $0.name.hasPrefix("ike") }.count ?? 0
        return CustomerConnectionFacts(
            version: section.settings["version"].flatMap { Int($0) } ?? 2,
            aggressive: section.settings["aggressive"] == "yes",
            localId: local?.settings["id"], remoteId: remote?.settings["id"], keyCount: keys,
            forcesEncapsulation: section.settings["encap"] == "yes",
            startAction: child?.settings["start_action"],
            localTs: list(child?.settings["local_ts"]), remoteTs: list(child?.settings["remote_ts"]),
            localAddrs: list(section.settings["local_addrs"]))
    }
}
