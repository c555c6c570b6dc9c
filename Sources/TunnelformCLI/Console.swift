import Foundation
import ArgumentParser
import TunnelformCore

/// Where commands write: data to stdout, diagnostics and progress to stderr.
///
/// Colour is decided per stream: only a stream that is a terminal gets escape codes, and none does
/// with `NO_COLOR` set or `--no-color` given. Text is painted when either stream shows colour; what
/// is written to the other one has the codes taken out.
struct Console: Sendable {
    let colorsOut: Bool
    let colorsErr: Bool

    init(noColor: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment,
         isTerminal: (Int32) -> Bool = { isatty($0) == 1 }) {
        let allowed = !noColor && environment["NO_COLOR"] == nil
        colorsOut = allowed && isTerminal(STDOUT_FILENO)
        colorsErr = allowed && isTerminal(STDERR_FILENO)
    }

    var useColor: Bool { colorsOut || colorsErr }

    func out(_ text: String) { FileHandle.standardOutput.write(Data((forStream(text, colors: colorsOut) + "\n").utf8)) }
    func err(_ text: String) { FileHandle.standardError.write(Data((forStream(text, colors: colorsErr) + "\n").utf8)) }

    /// `text` as a stream gets it: painted text without its escape codes when the stream shows no colour.
    func forStream(_ text: String, colors: Bool) -> String {
        guard useColor, !colors, text.utf8.contains(0x1B) else { return text }
        return text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    enum Color: String {
        case red = "31", green = "32", yellow = "33", cyan = "36", bold = "1", dim = "2"
    }

    func paint(_ text: String, _ color: Color) -> String {
        useColor ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// The warning for a stale lock of this host that a command took over.
    func tookOverLock(_ holder: StateLock.Holder) {
        err(paint("Warning:", .yellow) + " took over the state lock left by \(holder.summary), which no longer holds it (its process is gone or its lease expired)")
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
