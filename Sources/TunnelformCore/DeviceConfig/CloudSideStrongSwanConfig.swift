/// How the cloud runs each tunnel, as a strongSwan `swanctl.conf`: the reference peer that the
/// lab puts opposite the customer side.
///
/// It is responder only (`start_action = none`) so that every negotiation in the lab is started,
/// and therefore explained, from the customer side. It uses the cloud's own view: local address =
/// the tunnel's gateway IP, local id = `ike.localId` ?? gateway IP, remote id = `ike.remoteId` ??
/// customer gateway IP, local selectors = the connection's local networks; proposals, PFS,
/// lifetimes, DPD and NAT traversal exactly as `StrongSwanConfig` writes them for the customer.
public struct CloudSideStrongSwanConfig: Sendable {
    public var input: DeviceConfigInput
    /// What the cloud does when DPD declares the peer dead (`clear` by default; the lab uses
    /// `restart` for a connection that is effective immediately, as the cloud re-initiates).
    public var dpdAction: String

    public init(_ input: DeviceConfigInput, dpdAction: String = "clear") {
        self.input = input
        self.dpdAction = dpdAction
    }

    /// The swanctl.conf text; with `tunnel` only that tunnel's connection and secret.
    public func swanctlConf(tunnel: Int? = nil) throws(DeviceConfigError) -> String {
        let tunnels = try input.resolvedTunnels().filter { tunnel == nil || $0.index == tunnel }
        let connections = tunnels.map { tunnel in
            var connection = SwanctlConnection(
                tunnel: tunnel, local: tunnel.endpoint.gatewayIp, remote: tunnel.customerGateway.ipAddress,
                localId: tunnel.cloudIdentity, remoteId: tunnel.customerIdentity,
                localTs: input.connection.wireLocalSubnets, remoteTs: input.connection.wireRemoteSubnets,
                startAction: "none", dpdAction: dpdAction, interfaceId: nil)
            connection.comments = [
                "Tunnel \(tunnel.index) (\(tunnel.endpoint.tunnelId)): cloud gateway \(tunnel.endpoint.gatewayIp),"
                    + " answering customer gateway \(tunnel.customerGateway.name) \(tunnel.customerGateway.ipAddress)",
            ]
            return connection
        }
        let header = [
            "swanctl.conf of the cloud side of \(input.connection.address), as the Tunnelform lab runs it.",
            dpdAction == "clear" ? "Responder only: negotiations are started by the customer side."
                : "start_action = none: the lab initiates for the cloud side as soon as both sides are loaded.",
        ]
        return SwanctlDocument(header: header, connections: connections).render()
    }
}
