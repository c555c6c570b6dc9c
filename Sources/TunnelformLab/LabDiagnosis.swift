/// Why a tunnel failed in the lab, in the terms of the manifests and the cloud console.
/// "On-premises side" is the customer gateway's configuration under test, "cloud side" the
/// tunnel as the cloud runs it.
public enum LabDiagnosis: Sendable, Hashable, CustomStringConvertible {
    case ikeProposalMismatch(onPremises: String, cloud: String)
    case espProposalMismatch(onPremises: String, cloud: String)
    /// Only the IPsec DH group differs; in IKEv2 found when the CHILD_SA was rekeyed.
    case pfsGroupMismatch(onPremises: String, cloud: String, atRekey: Bool)
    /// The IKE integrity algorithm is not used as PRF on the on-premises side (the cloud always does).
    case prfMismatch(onPremisesPRF: String, onPremisesIntegrity: String, cloud: String)
    /// The on-premises ESP proposal requires extended sequence numbers, which the cloud does not do.
    case esnOffered(onPremises: String)
    /// Phase 2 traffic selectors that the other side does not accept (TS_UNACCEPTABLE), as networks
    /// on each side: what the on-premises side proposed and what the cloud side expects.
    case trafficSelectorMismatch(onPremisesLocal: [String], onPremisesRemote: [String], cloudLocal: [String],
                                 cloudRemote: [String], destinationRouting: Bool)
    /// The on-premises configuration has no secret for the identities of the tunnel.
    case noSharedKey(onPremisesId: String, cloudId: String)
    case wrongPreSharedKey
    /// The tunnel has NAT traversal off at the cloud, but the path or the device needs it.
    case natTraversalDisabled(String)
    /// Behind a NAT the device does not own the customer gateway IP, yet its configuration binds it.
    case behindNATLocalAddress(configured: String)
    /// The on-premises side used IKEv1 aggressive mode and the cloud side refused it.
    case aggressiveModeRefused
    /// The on-premises side used main mode where the cloud side expects aggressive mode.
    case ikeModeMismatch(onPremises: String, cloud: String)
    case ikeVersionMismatch(onPremises: String, cloud: String)
    case identityMismatch(String)
    case peerNotResponding
    /// The peer configuration has no connection whose remote_addrs is the tunnel's gateway IP.
    case noConnectionForTunnel(gatewayIp: String)
    case peerConfigNotLoaded(String)
    case trafficDidNotPass(from: String, to: String)
    /// The on-premises BGP configuration has no neighbor at the cloud's BGP IP of the tunnel.
    case bgpWrongNeighbor(cloudBgpIp: String, configured: [String])
    /// The on-premises neighbor's remote-as is not the connection's local ASN.
    case bgpWrongRemoteAs(configured: String, cloud: String)
    /// The on-premises `router bgp` ASN is not the customer gateway's ASN.
    case bgpWrongLocalAs(configured: String, expected: String)
    case bgpAuthKeyMismatch(String)
    case bgpNotEstablished(String)
    /// The session is up but routes are missing on one side.
    case bgpNoRoutes(String)
    /// A prefix learned over BGP is not routed through the tunnel interface.
    case bgpNoRouteOverTunnel(prefix: String, detail: String)
    case rekeyFailed(String)
    case unexplained(String)

    public var description: String {
        switch self {
        case .ikeProposalMismatch(let onPremises, let cloud):
            "IKE proposal mismatch: the on-premises side offered \(onPremises); the cloud side accepts \(cloud)"
        case .espProposalMismatch(let onPremises, let cloud):
            "IPsec (ESP) proposal mismatch: the on-premises side offered \(onPremises); the cloud side accepts \(cloud)"
        case .pfsGroupMismatch(let onPremises, let cloud, let atRekey):
            "PFS group mismatch: the on-premises side uses \(onPremises), the cloud side \(cloud)"
                + (atRekey ? " (found when the IPsec SA was rekeyed: the first negotiation uses no PFS)" : "")
        case .prfMismatch(let prf, let integrity, let cloud):
            "PRF mismatch: the on-premises side uses PRF \(prf) with integrity \(integrity); the cloud side uses its "
                + "integrity algorithm as PRF (\(cloud)): set the PRF to the IKE authentication algorithm (prf\(cloud))"
        case .esnOffered(let onPremises):
            "extended sequence numbers offered: the on-premises ESP proposal \(onPremises) requires ESN, which the cloud "
                + "side does not use (remove 'esn' from esp_proposals, or add 'noesn')"
        case .trafficSelectorMismatch(let local, let remote, let cloudLocal, let cloudRemote, let destination):
            "traffic selector mismatch (TS_UNACCEPTABLE): the on-premises side proposed \(Self.list(local)) (its side) "
                + "to \(Self.list(remote)) (cloud side); the cloud side expects \(Self.list(cloudRemote)) on premises and "
                + "\(Self.list(cloudLocal)) in the cloud"
                + (destination ? " (destination routing: any networks)"
                    : " (the connection's remoteNetworks and localNetworks)")
        case .noSharedKey(let onPremisesId, let cloudId):
            "no pre-shared key found: the on-premises configuration has no secret for its id '\(onPremisesId)' and the "
                + "cloud's id '\(cloudId)' (set id-1/id-2 of the tunnel's secret to these identities)"
        case .natTraversalDisabled(let detail):
            "NAT traversal is off for this tunnel at the cloud: \(detail)"
        case .behindNATLocalAddress(let configured):
            "behind a NAT the device does not own the customer gateway IP \(configured), but its local_addrs names it: "
                + "set local_addrs = %any (or the device's own address) and keep id = \(configured)"
        case .wrongPreSharedKey:
            "wrong pre-shared key: the on-premises key differs from the tunnel's key"
        case .aggressiveModeRefused:
            "aggressive mode refused: the on-premises side uses IKEv1 aggressive mode, the cloud side main mode"
        case .ikeModeMismatch(let onPremises, let cloud):
            "IKE mode mismatch: the on-premises side uses \(onPremises) mode, the cloud side \(cloud) mode"
        case .ikeVersionMismatch(let onPremises, let cloud):
            "IKE version mismatch: the on-premises side speaks \(onPremises), the cloud side \(cloud)"
        case .identityMismatch(let detail):
            "identity mismatch: \(detail)"
        case .peerNotResponding:
            "the cloud side did not answer the on-premises side (check remote_addrs and local_addrs)"
        case .noConnectionForTunnel(let gatewayIp):
            "the peer configuration has no connection with remote_addrs = \(gatewayIp), the tunnel's gateway IP"
        case .peerConfigNotLoaded(let reason):
            "the peer configuration does not load: \(reason)"
        case .trafficDidNotPass(let from, let to):
            "Phase 2 negotiations succeeded, but no traffic passed from \(from) to \(to) through the tunnel"
        case .bgpWrongNeighbor(let cloudBgpIp, let configured):
            "BGP session not established: the on-premises configuration has no neighbor \(cloudBgpIp) (the cloud's BGP IP "
                + "of the tunnel); its neighbors are \(configured.isEmpty ? "none" : configured.joined(separator: ", "))"
        case .bgpWrongRemoteAs(let configured, let cloud):
            "BGP session not established: the on-premises neighbor has remote-as \(configured), but the cloud side's ASN "
                + "is \(cloud) (bgp.localAsn)"
        case .bgpWrongLocalAs(let configured, let expected):
            "BGP session not established: the on-premises side runs router bgp \(configured), but the cloud side expects "
                + "the customer gateway's ASN \(expected)"
        case .bgpAuthKeyMismatch(let detail):
            "BGP session not established: auth key mismatch: \(detail)"
        case .bgpNotEstablished(let detail):
            "BGP session not established: \(detail)"
        case .bgpNoRoutes(let detail):
            "BGP session established, but \(detail)"
        case .bgpNoRouteOverTunnel(let prefix, let detail):
            "BGP session established, but the learned prefix \(prefix) is not routed over the tunnel interface (\(detail))"
        case .rekeyFailed(let detail):
            "the IPsec SA could not be rekeyed: \(detail)"
        case .unexplained(let detail):
            "negotiation failed: \(detail)"
        }
    }

    private static func list(_ networks: [String]) -> String {
        networks.isEmpty ? "(nothing)" : networks.joined(separator: ", ")
    }
}
