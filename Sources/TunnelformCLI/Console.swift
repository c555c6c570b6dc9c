import Foundation
import ArgumentParser
import TunnelformCore

/// Where commands write: data to stdout, diagnostics and progress to stderr.
struct Console: Sendable {
    /// Colour only on a terminal, without `NO_COLOR`, and unless `--no-color` was given.
    var useColor: Bool

    init(noColor: Bool = false) {
        useColor = !noColor && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    func out(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
    func err(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    enum Color: String {
        case red = "31", green = "32", yellow = "33", cyan = "36", bold = "1", dim = "2"
    }

    func paint(_ text: String, _ color: Color) -> String {
        useColor ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// Prints diagnostics to stderr in `file:line:col: severity: message (hint)` form.
    func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { err(diagnostic.rendered) }
    }
}

/// Exit codes shared by all commands.
enum ExitStatus {
    static let failure = ExitCode(1)
    static let changes = ExitCode(2)
}
