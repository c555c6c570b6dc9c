import Foundation

/// Why the lab could not run at all (as opposed to a tunnel that failed, which is a `LabDiagnosis`).
public enum LabError: Error, Equatable, Sendable, CustomStringConvertible {
    case notLinux
    case notRoot
    /// Programs or strongSwan plugins that are missing.
    case strongSwanMissing([String])
    case invalidInput(String)
    /// The peer configuration could not be read (it is not swanctl.conf syntax).
    case unreadablePeerConfig(String)
    case commandFailed(String, String)
    case daemonDidNotStart(String, String)
    /// A run folder or its parent that the lab refuses to use (path, why).
    case unsafeFolder(String, String)
    /// FRR is needed for a BGP-enabled connection but is not installed.
    case frrMissing([String])

    /// The packages that provide everything the lab needs.
    public static let installCommand =
        "apt-get install strongswan-swanctl charon-systemd libstrongswan-extra-plugins libcharon-extra-plugins"

    public var description: String {
        switch self {
        case .notLinux:
            "the lab needs Linux network namespaces"
        case .notRoot:
            "the lab creates network namespaces and must run as root"
        case .strongSwanMissing(let missing):
            "strongSwan is not installed (missing: \(missing.joined(separator: ", "))); install it with: \(Self.installCommand) iproute2 iputils-ping"
        case .invalidInput(let reason):
            "cannot build the lab: \(reason)"
        case .unreadablePeerConfig(let reason):
            "the peer configuration cannot be read: \(reason)"
        case .commandFailed(let command, let output):
            "'\(command)' failed: \(output.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .unsafeFolder(let path, let reason):
            "refusing to use \(path) for the lab's files: it \(reason)"
        case .frrMissing(let missing):
            "BGP is enabled but FRR is not installed (missing: \(missing.joined(separator: ", "))); install it with: apt-get install frr"
        case .daemonDidNotStart(let side, let output):
            "the \(side) strongSwan daemon did not start: \(output.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
    }
}
