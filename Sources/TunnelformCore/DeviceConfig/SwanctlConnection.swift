/// One IKE connection with one child, as either end writes it in swanctl.conf. Both renderers
/// fill it from a `DeviceTunnel`, so the two ends cannot drift apart in what they share:
/// version, mode, proposals, lifetimes, DPD, NAT traversal and the pre-shared key.
struct SwanctlConnection {
    var name: String
    var comments: [String]
    var version: IKEVersion
    var aggressive: Bool
    var localAddress: IPv4Address
    var remoteAddress: IPv4Address
    var localId: String
    var remoteId: String
    var ike: IKEConfig
    var ipsec: IPsecConfig
    var dpd: Bool
    var natTraversal: Bool
    var localTs: [IPv4Network]
    var remoteTs: [IPv4Network]
    var startAction: String
    var dpdAction: String
    /// XFRM interface id for route-based tunnels; nil for policy-based ones.
    var interfaceId: Int?
    var preSharedKey: String

    /// Shared settings of one tunnel; addresses, identities and selectors are filled per side.
    init(tunnel: DeviceTunnel, local: IPv4Address, remote: IPv4Address, localId: String, remoteId: String,
         localTs: [IPv4Network], remoteTs: [IPv4Network], startAction: String, dpdAction: String, interfaceId: Int?) {
        let declared = tunnel.tunnel
        name = tunnel.sectionName
        comments = []
        version = declared.ike.version
        aggressive = declared.ike.version == .ikev1 && declared.ike.mode == .aggressive
        localAddress = local
        remoteAddress = remote
        self.localId = localId
        self.remoteId = remoteId
        ike = declared.ike
        ipsec = declared.ipsec
        dpd = declared.dpd
        natTraversal = declared.natTraversal
        self.localTs = localTs
        self.remoteTs = remoteTs
        self.startAction = startAction
        self.dpdAction = dpdAction
        self.interfaceId = interfaceId
        preSharedKey = tunnel.endpoint.preSharedKey
    }

    /// Rekey at 90 % of the cloud's lifetime, so this end renews before the cloud's SA expires.
    static func rekeySeconds(lifetime: Int) -> Int { lifetime * 9 / 10 }

    func write(connectionTo writer: inout SwanctlWriter) {
        for line in comments { writer.comment(line) }
        writer.open(name)
        writer.set("version", version == .ikev1 ? "1" : "2")
        if aggressive { writer.set("aggressive", "yes") }
        if version == .ikev2 && ike.mode == .aggressive {
            writer.comment("IKE mode aggressive applies to IKEv1 only; IKEv2 has a single mode")
        }
        writer.set("local_addrs", localAddress.description)
        writer.set("remote_addrs", remoteAddress.description)
        writer.set("proposals", StrongSwanAlgorithms.ikeProposal(ike))
        writeIKELifetime(&writer)
        writeDPD(&writer)
        writeEncapsulation(&writer)
        writer.open("local")
        writer.set("auth", "psk")
        writer.set("id", localId)
        writer.close()
        writer.open("remote")
        writer.set("auth", "psk")
        writer.set("id", remoteId)
        writer.close()
        writer.open("children")
        writeChild(&writer)
        writer.close()
        writer.close()
    }

    func write(secretTo writer: inout SwanctlWriter) {
        writer.open("ike-\(name)")
        writer.set("id-1", localId)
        writer.set("id-2", remoteId)
        writer.setQuoted("secret", preSharedKey)
        writer.close()
    }

    private func writeIKELifetime(_ writer: inout SwanctlWriter) {
        if ike.lifetime == 0 {
            writer.comment("IKE lifetime 0: never rekeyed")
            writer.set("rekey_time", seconds: 0)
            return
        }
        let rekey = Self.rekeySeconds(lifetime: ike.lifetime)
        writer.comment("IKE SA lifetime \(ike.lifetime) s: rekey\(version == .ikev1 ? " (IKEv1: reauthenticate)" : "") at 90 %, expire at the lifetime")
        writer.set("rekey_time", seconds: rekey)
        writer.set("over_time", seconds: ike.lifetime - rekey)
    }

    private func writeDPD(_ writer: inout SwanctlWriter) {
        guard dpd else {
            writer.comment("dead peer detection is off")
            writer.set("dpd_delay", seconds: 0)
            return
        }
        writer.set("dpd_delay", seconds: 10)
        if version == .ikev1 {
            writer.set("dpd_timeout", seconds: 30)
        } else {
            writer.comment("IKEv2: the peer is declared dead when the DPD retransmissions give up (charon.retransmit_*)")
        }
    }

    private func writeEncapsulation(_ writer: inout SwanctlWriter) {
        if natTraversal {
            writer.comment("NAT traversal: a NAT on the path is detected and ESP is then sent in UDP 4500")
        } else {
            writer.comment("NAT traversal is off at the cloud: the path between the gateways must not be NATed")
        }
        writer.set("encap", "no")
    }

    private func writeChild(_ writer: inout SwanctlWriter) {
        writer.open(name)
        writer.set("local_ts", localTs.map(\.description).joined(separator: ","))
        writer.set("remote_ts", remoteTs.map(\.description).joined(separator: ","))
        writer.set("esp_proposals", StrongSwanAlgorithms.espProposal(ipsec))
        if ipsec.dhGroup == .disabled { writer.comment("PFS disabled: no DH group, on first negotiation and on rekeying") }
        if ipsec.lifetime == 0 {
            writer.comment("IPsec lifetime 0: never rekeyed")
            writer.set("rekey_time", seconds: 0)
        } else {
            writer.set("rekey_time", seconds: Self.rekeySeconds(lifetime: ipsec.lifetime))
            writer.set("life_time", seconds: ipsec.lifetime)
        }
        if dpd { writer.set("dpd_action", dpdAction) }
        writer.set("start_action", startAction)
        if let interfaceId {
            writer.set("if_id_in", String(interfaceId))
            writer.set("if_id_out", String(interfaceId))
        }
        writer.close()
    }
}
