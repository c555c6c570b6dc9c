import TunnelformCore

/// `device-config --format json` from the cloud's own `DownloadVpnConnectionConfig` answer, with
/// where each value came from.
///
/// The cloud's value wins wherever it gives one (a non-empty scalar); a value it leaves out or empty
/// is taken from Tunnelform's own rendering (manifests and state), and a value both give differently
/// is listed under `Differences` (keys shown only as `(sensitive)`), because a device configured from
/// either would then not match the other. `Sources` maps every leaf's path to `cloud` or `tunnelform`.
struct CloudDeviceConfig {
    static let cloudSource = "cloud (DownloadVpnConnectionConfig)"
    static let localSource = "tunnelform (manifests and state)"

    var merged: JSONValue
    var sources: [String: String] = [:]
    var differences: [String] = []

    /// `cloud` is the answer's `VpnConnectionConfig`; `local` Tunnelform's `DownloadConfig` as JSON.
    init(cloud: JSONValue, local: JSONValue) {
        merged = .null
        let localConfig = Self.member(local, "VpnConnectionConfig") ?? .object([:])
        merged = .object(["VpnConnectionConfig": merge(cloud, localConfig, path: "VpnConnectionConfig")])
    }

    /// The printed document: the merged configuration, `Sources`, and `Differences` when there are any.
    var document: JSONValue {
        guard case .object(var members) = merged else { return merged }
        members["Sources"] = .object(sources.mapValues(JSONValue.string))
        if !differences.isEmpty { members["Differences"] = .array(differences.map(JSONValue.string)) }
        return .object(members)
    }

    private mutating func merge(_ cloud: JSONValue?, _ local: JSONValue?, path: String) -> JSONValue {
        let cloudObject = Self.objectMembers(cloud), localObject = Self.objectMembers(local)
        if cloudObject != nil || localObject != nil {
            let theirs = cloudObject ?? [:], mine = localObject ?? [:]
            var out: [String: JSONValue] = [:]
            for key in Set(theirs.keys).union(mine.keys) {
                out[key] = merge(theirs[key], mine[key], path: path + "." + key)
            }
            return .object(out)
        }
        let cloudItems = Self.arrayItems(cloud), localItems = Self.arrayItems(local)
        if cloudItems != nil || localItems != nil {
            let theirs = cloudItems ?? [], mine = localItems ?? []
            return .array((0..<max(theirs.count, mine.count)).map { index in
                merge(index < theirs.count ? theirs[index] : nil, index < mine.count ? mine[index] : nil, path: "\(path)[\(index)]")
            })
        }
        if let cloud, Self.isGiven(cloud) {
            sources[path] = Self.cloudSource
            if let local, Self.isGiven(local), Self.text(local) != Self.text(cloud) {
                differences.append(path.hasSuffix(".Psk") ? "\(path): the cloud's differs from the manifests' (sensitive)"
                    : "\(path): cloud \(Self.text(cloud)), manifests and state \(Self.text(local))")
            }
            return cloud
        }
        if let local {
            sources[path] = Self.localSource
            return local
        }
        sources[path] = Self.cloudSource
        return cloud ?? .null
    }

    static func member(_ value: JSONValue, _ key: String) -> JSONValue? {
        if case .object(let members) = value { return members[key] }
        return nil
    }

    static func objectMembers(_ value: JSONValue?) -> [String: JSONValue]? {
        if case .object(let members)? = value { return members }
        return nil
    }

    static func arrayItems(_ value: JSONValue?) -> [JSONValue]? {
        if case .array(let items)? = value { return items }
        return nil
    }

    static func isGiven(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .string(let text): !text.isEmpty
        default: true
        }
    }

    /// Scalars compared as text: the cloud sends `"65010"` where Tunnelform writes `65010`.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        default: ""
        }
    }
}
