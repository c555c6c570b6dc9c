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

    /// Ends the process with `code` once a command has written all its output and files, instead of
    /// returning: returning would first free what it loaded (the manifests, the state, a plan, the
    /// simulated cloud: hundreds of thousands of small allocations, ~6 % of the CPU of a plan of
    /// 10,000 connections) only for the operating system to take the memory back at once. `loaded`
    /// is kept alive until then so that it is not freed before the exit either. The console does not
    /// buffer, so nothing printed is lost.
    static func end(_ code: ExitCode, keeping loaded: some Any) -> Never {
        withExtendedLifetime(loaded) { Foundation.exit(code.rawValue) }
    }
}
