/// Which secret of the model a value belongs to.
public enum SecretSlot: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// Tunnel `tunnel` (0 or 1) of a connection.
    case preSharedKey(connection: String, tunnel: Int)
    case bgpAuthKey(gateway: String)

    public var kind: SecretKind {
        switch self {
        case .preSharedKey: .preSharedKey
        case .bgpAuthKey: .bgpAuthKey
        }
    }

    public var address: ResourceAddress {
        switch self {
        case .preSharedKey(let connection, _): ResourceAddress(.vpnConnection, connection)
        case .bgpAuthKey(let gateway): ResourceAddress(.customerGateway, gateway)
        }
    }

    public var description: String {
        switch self {
        case .preSharedKey(let connection, let tunnel): "VpnConnection/\(connection) tunnel \(tunnel + 1) preSharedKey"
        case .bgpAuthKey(let gateway): "CustomerGateway/\(gateway) bgpAuthKey"
        }
    }

    /// Where the reference was written, for diagnostics.
    var sourcePath: SourcePath {
        switch self {
        case .preSharedKey(_, let tunnel): ["tunnels", .index(tunnel), "preSharedKey"]
        case .bgpAuthKey: ["bgpAuthKey"]
        }
    }

    public static func < (lhs: SecretSlot, rhs: SecretSlot) -> Bool { lhs.description < rhs.description }
}
