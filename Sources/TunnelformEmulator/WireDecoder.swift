import Foundation
import TunnelformCore
import TunnelformSimulator

/// Reads request parameters into the simulated cloud's vocabulary (`CustomerGatewaySpec`,
/// `ConnectionSpec`, …), applying the API's documented defaults to whatever was left out.
///
/// Only the shape is checked here (numbers, enumerations, addresses); the cloud's own rules are
/// the simulated cloud's business, so both fronts refuse the same things with the same codes.
enum WireDecoder {
    static func required(_ tree: ParameterTree, _ name: String) throws(CloudError) -> String {
        guard let value = tree.string(name) else { throw CloudError.missing(name) }
        return value
    }

    static func bool(_ tree: ParameterTree, _ name: String) throws(CloudError) -> Bool? {
        guard let text = tree.string(name) else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw CloudError.invalid(name, "\"\(text)\" is not true or false")
        }
    }

    static func integer(_ tree: ParameterTree, _ name: String) throws(CloudError) -> Int? {
        guard let text = tree.string(name) else { return nil }
        guard let value = Int(text) else { throw CloudError.invalid(name, "\"\(text)\" is not an integer") }
        return value
    }

    /// A manifest word sent in any case (`Standard`, `ikev2`, `AES256`).
    static func word<E: RawRepresentable & CaseIterable>(_ tree: ParameterTree, _ name: String, as _: E.Type) throws(CloudError) -> E?
    where E.RawValue == String {
        guard let text = tree.string(name) else { return nil }
        guard let value = E.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
            throw CloudError.invalid(name, "\"\(text)\" is not one of " + E.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    static func address(_ tree: ParameterTree, _ name: String) throws(CloudError) -> IPv4Address? {
        guard let text = tree.string(name) else { return nil }
        guard let address = IPv4Address(text) else { throw CloudError.invalid(name, "\"\(text)\" is not an IPv4 address") }
        return address
    }

    /// Comma-separated CIDR blocks.
    static func subnets(_ tree: ParameterTree, _ name: String) throws(CloudError) -> [IPv4Network]? {
        guard let text = tree.string(name) else { return nil }
        var networks: [IPv4Network] = []
        for part in text.split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let network = IPv4Network(trimmed), network.isNetworkAddress else {
                throw CloudError.invalid(name, "\"\(trimmed)\" is not a CIDR block")
            }
            networks.append(network)
        }
        return networks
    }

    // MARK: Customer gateways

    static func customerGatewaySpec(_ tree: ParameterTree) throws(CloudError) -> CustomerGatewaySpec {
        guard let address = try address(tree, "IpAddress") else { throw CloudError.missing("IpAddress") }
        var asn: ASN?
        if let text = tree.string("Asn") {
            guard let parsed = ASN(parsing: text) else { throw CloudError.invalid("Asn", "\"\(text)\" is not 1 to 4294967295") }
            asn = parsed
        }
        return CustomerGatewaySpec(name: tree.string("Name") ?? "", ipAddress: address, asn: asn, authKey: tree.string("AuthKey"),
                                   description: tree.string("Description"), tags: tree.tags("Tags"))
    }

    /// `ModifyCustomerGatewayAttribute`: what is not sent stays as it is; address, ASN and tags cannot change here.
    static func modifiedCustomerGateway(_ tree: ParameterTree, current: CloudCustomerGateway) -> CustomerGatewaySpec {
        CustomerGatewaySpec(name: tree.string("Name") ?? current.name, ipAddress: current.ipAddress, asn: current.asn,
                            authKey: tree.string("AuthKey") ?? current.authKey, description: tree.string("Description") ?? current.description,
                            tags: current.tags)
    }

    // MARK: Connections

    /// `CreateVpnAttachment` in dual-tunnel mode.
    static func connectionSpec(_ tree: ParameterTree) throws(CloudError) -> ConnectionSpec {
        let bgp = try bool(tree, "EnableTunnelsBgp") ?? false
        var tunnels: [TunnelSpec] = []
        for item in tree.list("TunnelOptionsSpecification") {
            tunnels.append(try tunnelSpec(item, base: nil))
        }
        return ConnectionSpec(
            name: tree.string("Name") ?? "", gatewayType: try word(tree, "NetworkType", as: GatewayType.self) ?? .public,
            localSubnets: try subnets(tree, "LocalSubnet") ?? [], remoteSubnets: try subnets(tree, "RemoteSubnet") ?? [],
            effectImmediately: try bool(tree, "EffectImmediately") ?? false, enableTunnelsBgp: bgp,
            tunnelBandwidth: try word(tree, "TunnelBandwidth", as: TunnelBandwidth.self) ?? .standard,
            resourceGroupId: tree.string("ResourceGroupId"), tags: tree.tags("Tags"), tunnels: tunnels)
    }

    /// `ModifyVpnAttachmentAttribute`: parameters left out keep their current values, and a tunnel left
    /// out keeps its settings. A tunnel without `TunnelIkeConfig` keeps its IKE settings and key; one with it
    /// but without `Psk` gets a new random key, as the SDK's request model documents. Network type,
    /// bandwidth, resource group and tags are not changed by this call.
    static func modifiedConnectionSpec(_ tree: ParameterTree, current: CloudConnection) throws(CloudError) -> ConnectionSpec {
        var tunnels = current.tunnels.sorted { $0.index < $1.index }.map { tunnel in
            TunnelSpec(id: tunnel.id, index: tunnel.index, customerGatewayId: tunnel.customerGatewayId, preSharedKey: nil, ike: nil,
                       ipsec: tunnel.ipsec, dpd: tunnel.dpd, natTraversal: tunnel.natTraversal, bgp: tunnel.bgp, localAsn: tunnel.localAsn ?? .cloudDefault)
        }
        for item in tree.list("TunnelOptionsSpecification") {
            let index = try integer(item, "TunnelIndex")
            let position = tunnels.firstIndex { spec in
                if let id = item.string("TunnelId") { return spec.id == id }
                return spec.index == index
            }
            guard let position else {
                throw CloudError.invalid("TunnelOptionsSpecification.TunnelId", "no tunnel \(item.string("TunnelId") ?? index.map(String.init) ?? "?") on \(current.id)")
            }
            var spec = try tunnelSpec(item, base: tunnels[position], currentIKE: current.tunnels.first { $0.id == tunnels[position].id }?.ike)
            spec.id = item.string("TunnelId") ?? tunnels[position].id
            tunnels[position] = spec
        }
        return ConnectionSpec(
            name: tree.string("Name") ?? current.name, gatewayType: try word(tree, "NetworkType", as: GatewayType.self) ?? current.gatewayType,
            localSubnets: try subnets(tree, "LocalSubnet") ?? current.localSubnets,
            remoteSubnets: try subnets(tree, "RemoteSubnet") ?? current.remoteSubnets,
            effectImmediately: try bool(tree, "EffectImmediately") ?? current.effectImmediately,
            enableTunnelsBgp: try bool(tree, "EnableTunnelsBgp") ?? current.enableTunnelsBgp,
            tunnelBandwidth: current.tunnelBandwidth, resourceGroupId: current.resourceGroupId, tags: current.tags, tunnels: tunnels)
    }

    /// One `TunnelOptionsSpecification.N`; unsent settings come from `base` (modify) or the dual-tunnel defaults.
    /// `LocalId`/`RemoteId` left out mean the defaults (the tunnel and customer gateway addresses), never "unchanged".
    /// On a modify, `currentIKE` is the tunnel's IKE settings, which a partial `TunnelIkeConfig` keeps, and
    /// a tunnel without `TunnelIkeConfig` gets no IKE block (kept as it is, key included).
    static func tunnelSpec(_ item: ParameterTree, base: TunnelSpec?, currentIKE: IKEConfig? = nil) throws(CloudError) -> TunnelSpec {
        let ipsec = item["TunnelIpsecConfig"] ?? ParameterTree()
        let bgpTree = item["TunnelBgpConfig"] ?? ParameterTree()
        let baseIpsec = base?.ipsec ?? IPsecConfig()
        var bgp = base?.bgp
        if let cidrText = bgpTree.string("TunnelCidr") {
            guard let cidr = IPv4Network(cidrText) else { throw CloudError.invalid("TunnelBgpConfig.TunnelCidr", "\"\(cidrText)\" is not a CIDR block") }
            guard let localIp = try address(bgpTree, "LocalBgpIp") else { throw CloudError.missing("TunnelBgpConfig.LocalBgpIp") }
            bgp = TunnelBGP(tunnelCidr: cidr, localIp: localIp)
        }
        var localAsn = base?.localAsn ?? .cloudDefault
        if let text = bgpTree.string("LocalAsn") {
            guard let parsed = ASN(parsing: text) else { throw CloudError.invalid("TunnelBgpConfig.LocalAsn", "\"\(text)\" is not 1 to 4294967295") }
            localAsn = parsed
        }
        guard let index = try integer(item, "TunnelIndex") ?? base?.index else { throw CloudError.missing("TunnelOptionsSpecification.N.TunnelIndex") }
        return TunnelSpec(
            id: base?.id, index: index, customerGatewayId: item.string("CustomerGatewayId") ?? base?.customerGatewayId ?? "",
            preSharedKey: item["TunnelIkeConfig"]?.string("Psk"),
            ike: try ikeConfig(item["TunnelIkeConfig"], onModifyOf: base == nil ? nil : currentIKE ?? IKEConfig()),
            ipsec: IPsecConfig(
                encryption: try word(ipsec, "IpsecEncAlg", as: EncryptionAlgorithm.self) ?? baseIpsec.encryption,
                authentication: try word(ipsec, "IpsecAuthAlg", as: AuthenticationAlgorithm.self) ?? baseIpsec.authentication,
                dhGroup: try word(ipsec, "IpsecPfs", as: PFSGroup.self) ?? baseIpsec.dhGroup,
                lifetime: try integer(ipsec, "IpsecLifetime") ?? baseIpsec.lifetime),
            dpd: try bool(item, "EnableDpd") ?? base?.dpd ?? true,
            natTraversal: try bool(item, "EnableNatTraversal") ?? base?.natTraversal ?? true,
            bgp: bgp, localAsn: localAsn)
    }

    /// A `TunnelIkeConfig`. On create every unsent setting takes the dual-tunnel default; on a modify of a
    /// tunnel whose settings are `current`, unsent settings keep theirs, and an absent block gives nil.
    /// `LocalId`/`RemoteId` left out mean the defaults, never "unchanged".
    static func ikeConfig(_ tree: ParameterTree?, onModifyOf current: IKEConfig?) throws(CloudError) -> IKEConfig? {
        if current != nil && tree == nil { return nil }
        let ike = tree ?? ParameterTree()
        let base = current ?? IKEConfig()
        return IKEConfig(
            version: try word(ike, "IkeVersion", as: IKEVersion.self) ?? base.version,
            mode: try word(ike, "IkeMode", as: IKEMode.self) ?? base.mode,
            encryption: try word(ike, "IkeEncAlg", as: EncryptionAlgorithm.self) ?? base.encryption,
            authentication: try word(ike, "IkeAuthAlg", as: AuthenticationAlgorithm.self) ?? base.authentication,
            dhGroup: try word(ike, "IkePfs", as: DHGroup.self) ?? base.dhGroup,
            lifetime: try integer(ike, "IkeLifetime") ?? base.lifetime,
            localId: ike.string("LocalId"), remoteId: ike.string("RemoteId"))
    }

    // MARK: Grants

    /// `OrderType`: `PayByCenOwner` (the default) or `PayByResourceOwner`.
    static func payer(_ tree: ParameterTree) throws(CloudError) -> Payer {
        switch tree.string("OrderType") {
        case nil, "PayByCenOwner": return .cenOwner
        case "PayByResourceOwner": return .resourceOwner
        case let other?: throw CloudError.invalid("OrderType", "\"\(other)\" is not PayByCenOwner or PayByResourceOwner")
        }
    }

    /// `InstanceType` must be `VPN`: the emulated cloud has no other instances to grant.
    static func checkInstanceType(_ tree: ParameterTree) throws(CloudError) {
        let type = try required(tree, "InstanceType")
        guard type.uppercased() == "VPN" else { throw CloudError.invalid("InstanceType", "only VPN is emulated, not \(type)") }
    }
}
