/// One problem found in the user's input: what is wrong, where, and how to fix it.
///
/// Diagnostics accumulate: every stage returns all it found instead of stopping at the first.
public struct Diagnostic: Hashable, Sendable, Codable {
    public enum Severity: String, Sendable, Codable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    /// What is wrong, in the user's terms. Never contains a secret value.
    public var message: String
    /// How to fix it; rendered in parentheses after the message.
    public var hint: String?
    /// The manifest address the problem belongs to, e.g. `VpnConnection/shanghai-dc`.
    public var address: String?
    public var location: SourceLocation?

    public init(
        _ severity: Severity, _ message: String, hint: String? = nil,
        address: String? = nil, at location: SourceLocation?
    ) {
        self.severity = severity
        self.message = message
        self.hint = hint
        self.address = address
        self.location = location
    }

    public static func error(
        _ message: String, hint: String? = nil, address: String? = nil, at location: SourceLocation?
    ) -> Diagnostic {
        Diagnostic(.error, message, hint: hint, address: address, at: location)
    }

    public static func warning(
        _ message: String, hint: String? = nil, address: String? = nil, at location: SourceLocation?
    ) -> Diagnostic {
        Diagnostic(.warning, message, hint: hint, address: address, at: location)
    }

    /// `manifests/dc1.yaml:14:7: error: <what> (<how to fix>)`
    public var rendered: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): \(message)"
        if let hint { text += " (\(hint))" }
        return text
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }

    /// Diagnostics in reading order: by file, line and column; unpositioned ones last.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?): return l == r ? a.offset < b.offset : l < r
            case (.some, .none): return true
            case (.none, .some): return false
            case (.none, .none): return a.offset < b.offset
            }
        }.map(\.element)
    }
}
