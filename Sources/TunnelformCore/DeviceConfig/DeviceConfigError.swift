/// Why a device configuration cannot be rendered. Messages never contain a key.
public enum DeviceConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The connection declares `declared` tunnels but `endpoints` endpoints were given.
    case tunnelCount(declared: Int, endpoints: Int)
    /// The endpoint at `position` (0-based) says it is tunnel `index`.
    case tunnelOrder(position: Int, index: Int)
    case unknownCustomerGateway(tunnel: Int, name: String)
    /// BGP is enabled but the tunnel has no `bgp` block.
    case missingTunnelBGP(tunnel: Int)
    /// BGP is enabled but the customer gateway has no ASN.
    case missingGatewayASN(gateway: String)
    /// The tunnel id cannot name a swanctl.conf section (letters, digits, `-`, `_`, `.` only).
    case unusableTunnelId(tunnel: Int, id: String)
    /// The key is empty or holds a control character, which no configuration file can carry.
    case unusablePreSharedKey(tunnel: Int)
    /// An IKE identity with a space, quote, brace or control character.
    case unusableIdentity(tunnel: Int, identity: String)

    public var description: String {
        switch self {
        case .tunnelCount(let declared, let endpoints):
            "the connection declares \(declared) tunnels but \(endpoints) tunnel endpoints were given"
        case .tunnelOrder(let position, let index):
            "tunnel endpoint \(position + 1) is tunnel \(index); endpoints must be given as tunnel 1 then tunnel 2"
        case .unknownCustomerGateway(let tunnel, let name):
            "tunnel \(tunnel) uses customer gateway '\(name)', which is not known"
        case .missingTunnelBGP(let tunnel):
            "BGP is enabled but tunnel \(tunnel) has no bgp block (tunnelCidr, localIp)"
        case .missingGatewayASN(let gateway):
            "BGP is enabled but customer gateway '\(gateway)' has no asn"
        case .unusableTunnelId(let tunnel, let id):
            "tunnel \(tunnel) has id '\(id)', which cannot name a configuration section"
        case .unusablePreSharedKey(let tunnel):
            "the pre-shared key of tunnel \(tunnel) is empty or contains a control character"
        case .unusableIdentity(let tunnel, let identity):
            "tunnel \(tunnel) has IKE identity '\(identity)', which cannot be written to a configuration file"
        }
    }
}
