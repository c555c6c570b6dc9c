import TunnelformCore

/// What an FRR configuration says about BGP, read line by line (FRR's own syntax): the `router
/// bgp` blocks with their ASN, neighbors (remote-as, password) and advertised networks.
struct FRRConfigFacts {
    struct Neighbor: Equatable {
        var remoteAs: String?
        /// The password, kept only to compare with the cloud's key; never printed.
        var password: String?
    }

    struct Block {
        var asn: String
        var routerId: String?
        var neighbors: [String: Neighbor] = [:]
        var networks: [IPv4Network] = []
        /// Line indexes of the block, `router bgp` to `exit`.
        var lines: Range<Int>
    }

    var lines: [String]
    var blocks: [Block]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [Block] = []
        var current: Block?
        for (index, raw) in lines.enumerated() {
            let words = raw.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let first = words.first, !first.hasPrefix("!"), !first.hasPrefix("#") else { continue }
            if first == "router", words.count >= 3, words[1] == "bgp" {
                if let open = current { blocks.append(open) }
                current = Block(asn: words[2], lines: index..<(index + 1))
                continue
            }
            guard var block = current else { continue }
            block.lines = block.lines.lowerBound..<(index + 1)
            if first == "exit", !raw.hasPrefix(" ") {
                blocks.append(block)
                current = nil
                continue
            }
            if first == "neighbor", words.count >= 4 {
                var neighbor = block.neighbors[words[1]] ?? Neighbor()
                if words[2] == "remote-as" { neighbor.remoteAs = words[3] }
                if words[2] == "password" { neighbor.password = words[3] }
                block.neighbors[words[1]] = neighbor
            }
            if first == "bgp", words.count >= 3, words[1] == "router-id" { block.routerId = words[2] }
            if first == "network", words.count >= 2, let network = IPv4Network(words[1]) { block.networks.append(network) }
            current = block
        }
        if let open = current { blocks.append(open) }
        self.blocks = blocks
    }

    /// The block for a tunnel: the one with a neighbor at the cloud's BGP IP, else the one whose
    /// router-id is the customer gateway's IP, else the one of its ASN, else the first.
    func block(asn: String, neighbor: String, routerId: String? = nil) -> Block? {
        blocks.first { $0.neighbors[neighbor] != nil } ?? blocks.first { routerId != nil && $0.routerId == routerId }
            ?? blocks.first { $0.asn == asn } ?? blocks.first
    }

    /// The text with only `keep` of the `router bgp` blocks (one bgpd runs one default instance),
    /// and `network` lines added to that block's IPv4 unicast address family when it has none.
    func text(keeping keep: Block, adding networks: [IPv4Network]) -> String {
        var result: [String] = []
        for (index, line) in lines.enumerated() {
            if blocks.contains(where: { $0.lines.contains(index) && $0.lines != keep.lines }) { continue }
            if keep.lines.contains(index), line.trimmingWhitespace() == "! network <a data-center prefix to advertise>" {
                result += networks.map { "  network \($0)" }
                continue
            }
            result.append(line)
        }
        return result.joined(separator: "\n")
    }
}
