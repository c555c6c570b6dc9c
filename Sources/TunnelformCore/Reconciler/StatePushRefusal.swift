/// Why `state push` (or `init --migrate-state`) left the backend's state alone.
public enum StatePushRefusal: Error, Equatable, CustomStringConvertible {
    /// The pushed state was born elsewhere: another project's, or one started afresh.
    case otherLineage(source: String, pushed: String, current: String, location: String)
    /// The backend already has this serial or a newer one.
    case notNewer(source: String, pushed: Int, current: Int, location: String)

    public var description: String {
        switch self {
        case .otherLineage(let source, let pushed, let current, let location):
            "\(source) has lineage \(pushed), but the state in \(location) has lineage \(current): it is another state, not an older or newer copy of this one. Nothing was pushed; `--force` replaces it anyway"
        case .notNewer(let source, let pushed, let current, let location):
            "\(source) has serial \(pushed), but the state in \(location) is already at serial \(current): pushing it would undo newer changes. Nothing was pushed; run `tunnelform state pull` to get the current one, or `--force` to replace it anyway"
        }
    }
}
