/// Hands out BGP tunnel CIDRs: /30 blocks inside 169.254.0.0/16, skipping the blocks the cloud
/// reserves (169.254.0.0/30 … 169.254.6.0/30 and 169.254.169.252/30), distinct within a region.
struct TunnelCidrAllocator {
    /// Blocks are numbered from 169.254.0.0/30 (0) to 169.254.255.252/30 (16383). Starting at
    /// 169.254.7.0/30 stays clear of every reserved block below it.
    private static let first = 7 * 64
    private static let reserved: Set<Int> = [(169 * 256 + 252) / 4]
    private static let count = 16_384

    private var next: [String: Int] = [:]

    enum Failure: Error, CustomStringConvertible {
        case exhausted(region: String)
        var description: String {
            switch self {
            case .exhausted(let region): "no /30 tunnel CIDR left in 169.254.0.0/16 for region \(region)"
            }
        }
    }

    /// The next free block of `region`: its CIDR and the first host address (the cloud side's BGP IP).
    mutating func allocate(in region: String) throws -> (cidr: String, localIp: String) {
        var block = next[region] ?? Self.first
        while Self.reserved.contains(block) { block += 1 }
        guard block < Self.count else { throw Failure.exhausted(region: region) }
        next[region] = block + 1
        let third = block * 4 / 256, fourth = block * 4 % 256
        return ("169.254.\(third).\(fourth)/30", "169.254.\(third).\(fourth + 1)")
    }
}
