import TunnelformCore

/// The JSON form of diagnostics (`validate --json`), versioned so scripts can rely on it.
enum DiagnosticsView {
    static let formatVersion = 1

    struct Document: Encodable {
        var formatVersion: Int
        var valid: Bool
        var errorCount: Int
        var warningCount: Int
        var diagnostics: [Entry]
    }

    struct Entry: Encodable {
        var severity: String
        var message: String
        var hint: String?
        var address: String?
        var file: String?
        var line: Int?
        var column: Int?
    }

    static func json(_ diagnostics: [Diagnostic]) throws -> String {
        let entries = diagnostics.map {
            Entry(severity: $0.severity.rawValue, message: $0.message, hint: $0.hint, address: $0.address,
                  file: $0.location?.file, line: $0.location?.line, column: $0.location?.column)
        }
        let document = Document(formatVersion: formatVersion, valid: !diagnostics.hasErrors,
                                errorCount: diagnostics.errors.count, warningCount: diagnostics.warnings.count, diagnostics: entries)
        return String(try CanonicalJSON.string(document).dropLast())
    }
}
