import TunnelformCore

/// Everything one tunnel's run is built from, worked out before anything is created: the part
/// of the customer configuration that targets the tunnel, what it says (`CustomerConnectionFacts`),
/// the test hosts inside the networks both ends route, and the namespaces (with a NAT when the
/// device is behind one). Configurations that cannot work for a reason the lab can see without
/// negotiating (NAT traversal off at the cloud but needed) end here with their diagnosis.
struct TunnelPlan {
    var customerText: String
    var connectionNames: [String]
    var children: [String]
    var facts: CustomerConnectionFacts?
    var hosts: LabHosts
    var network: LabNetwork
    /// With BGP: the customer side's FRR configuration and what the cloud side needs.
    var bgp: BGP?

    struct BGP {
        /// The device's `router bgp` block for this tunnel's customer gateway.
        var block: FRRConfigFacts.Block
        /// bgpd.conf of the customer side: that block (others cut) with the lab's prefix where
        /// the generated configuration leaves a placeholder.
        var customerConfig: String
        /// The customer gateway's BGP auth key, if it has one.
        var authKey: String?
    }

    struct Failure: Error {
        var diagnosis: LabDiagnosis
    }

    static func make(_ lab: TunnelLab) -> Result<TunnelPlan, Failure> {
        let tunnel = lab.tunnel
        let gatewayIp = tunnel.endpoint.gatewayIp
        let customerIp = tunnel.customerGateway.ipAddress
        let sections: SwanctlSections
        do {
            sections = try SwanctlSections(lab.customerConfig)
        } catch {
            return .failure(Failure(diagnosis: .peerConfigNotLoaded(error.description)))
        }
        let mine = sections.connections.filter { $0.remoteAddresses.contains(gatewayIp.description) }
        let children = mine.flatMap(\.children)
        guard let first = mine.first, !children.isEmpty else {
            return .failure(Failure(diagnosis: .noConnectionForTunnel(gatewayIp: gatewayIp.description)))
        }
        let facts = sections.facts(for: first.name)
        let connection = lab.connection
        func networks(_ texts: [String]?, or fallback: [IPv4Network]) -> [IPv4Network] {
            let parsed = (texts ?? []).compactMap { IPv4Network($0) }
            return parsed.isEmpty ? fallback : parsed
        }
        let hosts = LabHosts(
            customerLocal: networks(facts?.localTs, or: lab.customerInput.customerLocalSubnets),
            customerRemote: networks(facts?.remoteTs, or: lab.customerInput.customerRemoteSubnets),
            cloudLocal: connection.wireLocalSubnets, cloudRemote: connection.wireRemoteSubnets)
        var nat: LabNetwork.NAT?
        if lab.behindNAT {
            let configured = (facts?.localAddrs ?? []).compactMap { IPv4Address($0) }
            if configured.contains(customerIp) {
                return .failure(Failure(diagnosis: .behindNATLocalAddress(configured: customerIp.description)))
            }
            nat = LabNetwork.NAT(namespace: String(lab.cloudNamespace.dropLast(2)) + "n\(tunnel.index)",
                                 deviceAddress: configured.first ?? LabNetwork.defaultDeviceAddress,
                                 iptables: lab.environment.iptables)
        }
        if !tunnel.tunnel.natTraversal {
            if facts?.forcesEncapsulation == true {
                return .failure(Failure(diagnosis: .natTraversalDisabled(
                    "the on-premises side forces UDP encapsulation (encap = yes), which the cloud side will not accept; "
                        + "set encap = no, or turn natTraversal on for tunnel \(tunnel.index)")))
            }
            if lab.behindNAT {
                return .failure(Failure(diagnosis: .natTraversalDisabled(
                    "the on-premises device is behind a NAT, so IKE and ESP need UDP encapsulation, which the cloud side "
                        + "will not do; turn natTraversal on for tunnel \(tunnel.index)")))
            }
        }
        // Host addresses on `lo`, as networks: a /32 each, or with BGP the advertised prefix, so
        // that the prefix is a connected route FRR's `network` statement finds.
        var cloudHosts = hosts.cloud.filter { $0 != gatewayIp && $0 != customerIp }.map { IPv4Network(address: $0, prefixLength: 32) }
        var customerHosts = hosts.customer.filter { $0 != gatewayIp && $0 != customerIp }.map { IPv4Network(address: $0, prefixLength: 32) }
        var bgp: BGP?
        if connection.bgp.enabled {
            switch bgpPlan(lab) {
            case .success(let made):
                bgp = made
                cloudHosts = [BGPCheck.cloudPrefix]
                let advertised = made.block.networks.isEmpty ? [BGPCheck.customerPrefix] : made.block.networks
                customerHosts = advertised.map { IPv4Network(address: LabHosts.firstHost($0), prefixLength: $0.prefixLength) }
            case .failure(let failure):
                return .failure(failure)
            }
        }
        let network = LabNetwork(
            cloudNamespace: lab.cloudNamespace, customerNamespace: lab.customerNamespace, gatewayIp: gatewayIp,
            customerGatewayIp: customerIp, cloudHosts: cloudHosts, customerHosts: customerHosts,
            ip: lab.environment.ip, nat: nat)
        return .success(TunnelPlan(
            customerText: sections.keepingOnly(Set(mine.map(\.name))), connectionNames: mine.map(\.name),
            children: children, facts: facts,
            hosts: LabHosts(cloud: cloudHosts.map(\.address), customer: customerHosts.map(\.address)), network: network, bgp: bgp))
    }

    /// The customer side's FRR: the user's (`--peer-frr`) or the generated snippet, cut to the
    /// block of this tunnel's customer gateway.
    private static func bgpPlan(_ lab: TunnelLab) -> Result<BGP, Failure> {
        let text: String
        if let peerFRR = lab.peerFRR {
            text = peerFRR
        } else {
            do {
                text = try StrongSwanConfig(lab.customerInput).frrBGPConf() ?? ""
            } catch {
                return .failure(Failure(diagnosis: .bgpNotEstablished("no FRR configuration: \(error.description)")))
            }
        }
        let facts = FRRConfigFacts(text)
        let asn = lab.tunnel.customerGateway.asn.map { "\($0)" } ?? ""
        guard let block = facts.block(asn: asn, neighbor: lab.tunnel.cloudBgpIp?.description ?? "",
                                      routerId: lab.tunnel.customerGateway.ipAddress.description) else {
            return .failure(Failure(diagnosis: .bgpNotEstablished("the on-premises FRR configuration has no 'router bgp' block")))
        }
        let added = block.networks.isEmpty ? [BGPCheck.customerPrefix.normalized] : []
        return .success(BGP(block: block, customerConfig: facts.text(keeping: block, adding: added) + "\n",
                            authKey: lab.input.bgpAuthKeys[lab.tunnel.customerGateway.name]))
    }
}
