import Crypto

/// The transit router and default route table every CEN instance implicitly has in each region.
///
/// CEN instances are not managed by Tunnelform, so the simulated cloud accepts any `cen-…` id and derives
/// the ids deterministically: the same CEN id and region always give the same `tr-…` and `vtb-…`.
public enum SimulatedTransitRouter {
    public static func transitRouterId(cenId: String, region: String) -> String {
        "tr-" + digest("transit-router", cenId, region)
    }

    public static func defaultRouteTableId(cenId: String, region: String) -> String {
        "vtb-" + digest("route-table", cenId, region)
    }

    /// Whether the id has the shape of a CEN instance id: `cen-` and lowercase letters and digits.
    public static func isValidCenId(_ id: String) -> Bool {
        id.hasPrefix("cen-") && id.count > 4 && id.dropFirst(4).allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
    }

    private static func digest(_ kind: String, _ cenId: String, _ region: String) -> String {
        let bytes = SHA256.hash(data: Array("\(kind)\n\(cenId)\n\(region)".utf8))
        return String(bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined().prefix(20))
    }
}

extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
