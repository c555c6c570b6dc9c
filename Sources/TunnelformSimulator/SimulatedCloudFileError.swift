/// Why the simulated cloud could not be loaded from or saved to its file.
public enum SimulatedCloudFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case corrupt(path: String, reason: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read the simulated cloud from \(path): \(reason)"
        case .corrupt(let path, let reason): "\(path) is not a simulated cloud file: \(reason)"
        case .unwritable(let path, let reason): "cannot save the simulated cloud to \(path): \(reason)"
        }
    }
}
