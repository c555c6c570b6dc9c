/// The local and remote CIDR sets of a connection do not overlap.
///
/// Sorting both sides by start address and sweeping keeps this O(n log n) instead of comparing all pairs.
public struct NetworkOverlapRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections {
            guard !connection.value.localNetworks.isEmpty, !connection.value.remoteNetworks.isEmpty else { continue }
            for (remoteIndex, local) in Self.overlaps(connection.value.localNetworks, connection.value.remoteNetworks) {
                let remote = connection.value.remoteNetworks[remoteIndex]
                diagnostics.append(.error("remote network \(remote) overlaps local network \(local)",
                                          hint: "the Alibaba Cloud side and the data-center side must use distinct address ranges",
                                          in: connection, at: ["remoteNetworks", .index(remoteIndex)], address: connection.value.address))
            }
        }
    }

    /// For each remote block that overlaps some local block: its index and one overlapping local block.
    static func overlaps(_ local: [IPv4Network], _ remote: [IPv4Network]) -> [(Int, IPv4Network)] {
        struct Interval { var start: UInt64; var end: UInt64; var index: Int; var isLocal: Bool; var network: IPv4Network }
        func interval(_ network: IPv4Network, _ index: Int, _ isLocal: Bool) -> Interval {
            let n = network.normalized
            return Interval(start: UInt64(n.networkAddress.value), end: UInt64(n.broadcastAddress.value), index: index, isLocal: isLocal, network: network)
        }
        let all = (local.enumerated().map { interval($1, $0, true) } + remote.enumerated().map { interval($1, $0, false) })
            .sorted { ($0.start, $0.isLocal ? 0 : 1) < ($1.start, $1.isLocal ? 0 : 1) }
        var result: [Int: IPv4Network] = [:]
        var widestLocal: Interval?
        var widestRemote: Interval?
        for item in all {
            if item.isLocal {
                if let remote = widestRemote, remote.end >= item.start, result[remote.index] == nil { result[remote.index] = item.network }
                if widestLocal.map({ item.end > $0.end }) ?? true { widestLocal = item }
            } else {
                if let local = widestLocal, local.end >= item.start { result[item.index] = local.network }
                if widestRemote.map({ item.end > $0.end }) ?? true { widestRemote = item }
            }
        }
        return result.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
