/// Why a tunnel failed in the lab, in the terms of the manifests and the cloud console.
/// "On-premises side" is the customer gateway's configuration under test, "cloud side" the
/// tunnel as the cloud runs it.
public enum LabDiagnosis: Sendable, Hashable, CustomStringConvertible {
    case ikeProposalMismatch(onPremises: String, cloud: String)
    case espProposalMismatch(onPremises: String, cloud: String)
    /// Only the IPsec DH group differs; in IKEv2 found when the CHILD_SA was rekeyed.
    case pfsGroupMismatch(onPremises: String, cloud: String, atRekey: Bool)
    case wrongPreSharedKey
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
        case .rekeyFailed(let detail):
            "the IPsec SA could not be rekeyed: \(detail)"
        case .unexplained(let detail):
            "negotiation failed: \(detail)"
        }
    }
}
