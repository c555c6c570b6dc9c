import TunnelformCore

/// The parameters of CreateVpnAttachment and ModifyVpnAttachmentAttribute for a dual-tunnel connection.
///
/// Every manifest default is sent explicitly (domain-rules.md "Wire mapping"), so the API's own
/// defaults (e.g. `EffectImmediately=false`) never matter.
enum ConnectionParameters {
    static func create(region: String, spec: ConnectionSpec) -> APICall {
        var parameters = common(region: region, spec: spec)
        parameters["NetworkType"] = WireValue.string(spec.gatewayType.rawValue)
        parameters["TunnelBandwidth"] = WireValue.string(bandwidth(spec.tunnelBandwidth))
        parameters["ResourceGroupId"] = spec.resourceGroupId.map(WireValue.string)
        parameters["Tags"] = WireValue.tags(spec.tags)
        return APICall(.vpc, "CreateVpnAttachment", region: region, parameters: parameters, sensitiveValues: secrets(spec))
    }

    /// Network type and bandwidth cannot change in place; resource group and tags have their own calls.
    static func modify(region: String, id: String, spec: ConnectionSpec) -> APICall {
        var parameters = common(region: region, spec: spec)
        parameters["VpnConnectionId"] = WireValue.string(id)
        return APICall(.vpc, "ModifyVpnAttachmentAttribute", region: region, parameters: parameters, sensitiveValues: secrets(spec))
    }

    static func common(region: String, spec: ConnectionSpec) -> [String: WireValue?] {
        [
            "RegionId": .string(region),
            "Name": .string(spec.name),
            "LocalSubnet": .string(subnets(spec.localSubnets)),
            "RemoteSubnet": .string(subnets(spec.remoteSubnets)),
            "EffectImmediately": .bool(spec.effectImmediately),
            "EnableTunnelsBgp": .bool(spec.enableTunnelsBgp),
            "TunnelOptionsSpecification": .list(spec.tunnels.sorted { $0.index < $1.index }.map { tunnel($0, bgp: spec.enableTunnelsBgp) }),
        ]
    }

    static func tunnel(_ tunnel: TunnelSpec, bgp enabled: Bool) -> WireValue {
        let ipsec = tunnel.ipsec
        var members: [String: WireValue?] = [
            "TunnelId": tunnel.id.map(WireValue.string),
            "TunnelIndex": .integer(Int64(tunnel.index)),
            "CustomerGatewayId": .string(tunnel.customerGatewayId),
            "EnableDpd": .bool(tunnel.dpd),
            "EnableNatTraversal": .bool(tunnel.natTraversal),
            // Left out, the tunnel keeps its IKE settings and key; sent without `Psk`, the cloud makes a new key.
            "TunnelIkeConfig": tunnel.ike.map { ike in
                .object([
                    "Psk": tunnel.preSharedKey.map(WireValue.string),
                    "IkeVersion": .string(ike.version.rawValue),
                    "IkeMode": .string(ike.mode.rawValue),
                    "IkeEncAlg": .string(ike.encryption.rawValue),
                    "IkeAuthAlg": .string(ike.authentication.rawValue),
                    "IkePfs": .string(ike.dhGroup.rawValue),
                    "IkeLifetime": .integer(Int64(ike.lifetime)),
                    "LocalId": ike.localId.map(WireValue.string),
                    "RemoteId": ike.remoteId.map(WireValue.string),
                ])
            },
            "TunnelIpsecConfig": .object([
                "IpsecEncAlg": .string(ipsec.encryption.rawValue),
                "IpsecAuthAlg": .string(ipsec.authentication.rawValue),
                "IpsecPfs": .string(ipsec.dhGroup.rawValue),
                "IpsecLifetime": .integer(Int64(ipsec.lifetime)),
            ]),
        ]
        if enabled, let bgp = tunnel.bgp {
            members["TunnelBgpConfig"] = WireValue.object([
                "TunnelCidr": .string(bgp.tunnelCidr.description),
                "LocalBgpIp": .string(bgp.localIp.description),
                "LocalAsn": .integer(Int64(tunnel.localAsn.value)),
            ])
        }
        return .object(members)
    }

    /// Comma-joined in manifest order; `0.0.0.0/0` when empty (destination routing).
    static func subnets(_ networks: [IPv4Network]) -> String {
        networks.isEmpty ? IPv4Network.any.description : networks.map(\.description).joined(separator: ",")
    }

    static func bandwidth(_ bandwidth: TunnelBandwidth) -> String {
        switch bandwidth {
        case .standard: "Standard"
        case .large: "Large"
        }
    }

    static func secrets(_ spec: ConnectionSpec) -> [String] { spec.tunnels.compactMap(\.preSharedKey) }
}
