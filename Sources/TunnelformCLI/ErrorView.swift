import ArgumentParser
import TunnelformCore

/// The one place an error that ends a command is printed: its diagnostics, then `Error: …` on stderr.
enum ErrorView {
    /// Prints `error` and returns the exit code, or nil for ArgumentParser's own errors (usage, help,
    /// an `ExitCode`), which it prints itself.
    static func render(_ error: any Error, console: Console) -> Int32? {
        switch error {
        case let error as ReconcileError:
            console.report(error.diagnostics)
            if case .declined(let reason) = error, reason.hasPrefix("Cancelled") {
                console.err(reason)
            } else {
                console.err(console.paint("Error:", .red) + " \(error)")
            }
            return 1
        case let error as CommandError:
            console.report(error.diagnostics)
            console.err(console.paint("Error:", .red) + " \(error)")
            return 1
        case is ExitCode, is CleanExit, is ValidationError:
            return nil
        default:
            // Errors of the argument parser itself (unknown option, missing argument) are its to print.
            guard String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") else {
                console.err(console.paint("Error:", .red) + " \(error)")
                return 1
            }
            return nil
        }
    }
}
