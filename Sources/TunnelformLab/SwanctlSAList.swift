import Foundation

/// The CHILD_SAs in the output of `swanctl --list-sas --raw`, which prints each IKE_SA as
/// `name {key=value … child-sas {name-id {key=value …}}}` on one line.
struct SwanctlSAList {
    struct ChildSA: Equatable {
        var name: String
        var uniqueId: String
        var state: String
        var bytesIn: Int
        var bytesOut: Int
        var localTs: [String]
        var remoteTs: [String]
    }

    var children: [ChildSA] = []

    init(raw: String) {
        var tokens = Self.tokens(raw)[...]
        var stack: [String] = []
        var current: [String: String] = [:]
        while let token = tokens.popFirst() {
            if token == "}" {
                if stack.count >= 2, stack[stack.count - 2] == "child-sas" {
                    children.append(ChildSA(
                        name: current["name"] ?? "", uniqueId: current["uniqueid"] ?? "", state: current["state"] ?? "",
                        bytesIn: Int(current["bytes-in"] ?? "") ?? 0, bytesOut: Int(current["bytes-out"] ?? "") ?? 0,
                        localTs: Self.list(current["local-ts"]), remoteTs: Self.list(current["remote-ts"])))
                }
                current = [:]
                _ = stack.popLast()
            } else if tokens.first == "{" {
                tokens.removeFirst()
                stack.append(token)
                current = [:]
            } else if let equals = token.firstIndex(of: "=") {
                var value = String(token[token.index(after: equals)...])
                if value.hasPrefix("[") {
                    while !value.hasSuffix("]"), let next = tokens.popFirst() { value += " " + next }
                }
                current[String(token[..<equals])] = value
            }
        }
    }

    /// Installed CHILD_SAs of the child configuration `name`.
    func installed(_ name: String) -> [ChildSA] {
        children.filter { $0.name == name && $0.state == "INSTALLED" }
    }

    private static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var word = ""
        for character in text {
            if character == "{" || character == "}" || character.isWhitespace {
                if !word.isEmpty { tokens.append(word); word = "" }
                if !character.isWhitespace { tokens.append(String(character)) }
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { tokens.append(word) }
        return tokens
    }

    private static func list(_ value: String?) -> [String] {
        guard let value else { return [] }
        return value.trimmingCharacters(in: ["[", "]"]).split(separator: " ").map(String.init)
    }
}
