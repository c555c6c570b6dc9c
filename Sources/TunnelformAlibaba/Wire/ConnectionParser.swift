import Foundation
import TunnelformCore

/// Reads `DescribeVpnConnection(s)` and `ModifyVpnAttachmentAttribute` items into `CloudConnection`.
///
/// Tolerant of the documented quirks: tunnels under `TunnelOptionsSpecification.TunnelOptions[]` or
/// as a plain `TunnelOptionsSpecification[]`, tunnel booleans as strings, numbers as strings,
/// `Tags.Tag` or `Tag.Tag`, `CreateTime` in epoch milliseconds.
public enum ConnectionParser {
    public static func connection(_ item: JSONValue) -> CloudConnection? {
        guard let id = item["VpnConnectionId"]?.nonEmptyString else { return nil }
        let tunnels = item.list("TunnelOptionsSpecification", "TunnelOptions").enumerated()
            .compactMap { tunnel($0.element, position: $0.offset) }
            .sorted { $0.index < $1.index }
        return CloudConnection(
            id: id,
            name: item["Name"]?.stringValue ?? "",
            state: connectionState(item["State"]?.stringValue),
            gatewayType: word(item["NetworkType"], default: .public),
            localSubnets: subnets(item["LocalSubnet"]),
            remoteSubnets: subnets(item["RemoteSubnet"]),
            effectImmediately: item["EffectImmediately"]?.boolValue ?? false,
            enableTunnelsBgp: item["EnableTunnelsBgp"]?.boolValue ?? false,
            tunnelBandwidth: word(item["TunnelBandwidth"], default: .standard),
            resourceGroupId: item["ResourceGroupId"]?.nonEmptyString,
            tags: item.tags,
            transitRouterId: item["TransitRouterId"]?.nonEmptyString,
            cenId: item["AttachInstanceId"]?.nonEmptyString,
            crossAccountAuthorized: item["CrossAccountAuthorized"]?.boolValue ?? false,
            tunnels: tunnels,
            createTime: item["CreateTime"]?.int64Value ?? 0)
    }

    public static func tunnel(_ item: JSONValue, position: Int) -> CloudTunnel? {
        guard let id = item["TunnelId"]?.nonEmptyString else { return nil }
        let ike = item["TunnelIkeConfig"] ?? .object([:])
        let ipsec = item["TunnelIpsecConfig"] ?? .object([:])
        let bgp = item["TunnelBgpConfig"]
        var tunnelBGP: TunnelBGP?
        if let cidr = bgp?["TunnelCidr"]?.nonEmptyString.flatMap(IPv4Network.init),
           let localIp = bgp?["LocalBgpIp"]?.nonEmptyString.flatMap(IPv4Address.init) {
            tunnelBGP = TunnelBGP(tunnelCidr: cidr, localIp: localIp)
        }
        return CloudTunnel(
            id: id,
            index: item["TunnelIndex"]?.int64Value.map { Int($0) } ?? position + 1,
            customerGatewayId: item["CustomerGatewayId"]?.stringValue ?? "",
            state: tunnelState(item["State"]?.stringValue),
            status: NegotiationStatus(rawValue: item["Status"]?.stringValue?.lowercased() ?? "") ?? .ikeSANotEstablished,
            gatewayIp: item["InternetIp"]?.nonEmptyString.flatMap(IPv4Address.init),
            preSharedKey: ike["Psk"]?.stringValue ?? "",
            ike: IKEConfig(
                version: word(ike["IkeVersion"], default: .ikev2), mode: word(ike["IkeMode"], default: .main),
                encryption: word(ike["IkeEncAlg"], default: .aes), authentication: word(ike["IkeAuthAlg"], default: .sha1),
                dhGroup: word(ike["IkePfs"], default: .group2), lifetime: ike["IkeLifetime"]?.int64Value.map { Int($0) } ?? 86400,
                localId: ike["LocalId"]?.nonEmptyString, remoteId: ike["RemoteId"]?.nonEmptyString),
            ipsec: IPsecConfig(
                encryption: word(ipsec["IpsecEncAlg"], default: .aes), authentication: word(ipsec["IpsecAuthAlg"], default: .sha1),
                dhGroup: word(ipsec["IpsecPfs"], default: .group2),
                lifetime: ipsec["IpsecLifetime"]?.int64Value.map { Int($0) } ?? 86400),
            dpd: item["EnableDpd"]?.boolValue ?? true,
            natTraversal: item["EnableNatTraversal"]?.boolValue ?? true,
            bgp: tunnelBGP,
            bgpStatus: bgp?["BgpStatus"]?.nonEmptyString,
            localAsn: bgp?["LocalAsn"]?.int64Value.flatMap { $0 > 0 && $0 <= Int64(UInt32.max) ? ASN(UInt32($0)) : nil })
    }

    /// Known states as they are; `upgrading` (any case) and unknown words count as `updating`,
    /// a transient state, so nothing modifies a connection the cloud is busy with.
    static func connectionState(_ text: String?) -> ConnectionState {
        guard let text else { return .updating }
        return ConnectionState(rawValue: text) ?? ConnectionState(rawValue: text.lowercased()) ?? .updating
    }

    /// `deleted` (an older doc's word) reads as `deleting`.
    static func tunnelState(_ text: String?) -> TunnelState {
        let lower = text?.lowercased() ?? "active"
        return TunnelState(rawValue: lower) ?? (lower == "deleted" ? .deleting : .updating)
    }

    /// A manifest word from the wire, case-insensitively; the default when missing or unknown.
    static func word<E: RawRepresentable & CaseIterable>(_ value: JSONValue?, default fallback: E) -> E where E.RawValue == String {
        guard let text = value?.nonEmptyString?.lowercased() else { return fallback }
        return E.allCases.first { $0.rawValue.lowercased() == text } ?? fallback
    }

    /// Comma-separated CIDR blocks; unparseable entries are skipped.
    static func subnets(_ value: JSONValue?) -> [IPv4Network] {
        (value?.stringValue ?? "").split(separator: ",").compactMap { IPv4Network($0.trimmingCharacters(in: .whitespaces)) }
    }
}
