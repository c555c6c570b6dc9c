import TunnelformCore

/// A command's own failure (outside the `Reconciler`): the message, and positioned diagnostics to
/// print before it. Thrown and rendered once, by `ErrorView`.
struct CommandError: Error, CustomStringConvertible {
    var message: String
    var diagnostics: [Diagnostic] = []

    init(_ message: String, diagnostics: [Diagnostic] = []) {
        self.message = message
        self.diagnostics = diagnostics
    }

    var description: String { message }
}
