/// Turns YAML documents into the desired model, applying every default of `domain-rules.md`.
///
/// Only the shape is checked here (keys, types, enum words, address syntax); the rules of the
/// domain are `ValidationRule`s. An optional field with a shape error takes its default so the
/// object is still validated and one run reports every problem; an object whose required
/// fields or tunnels cannot be read is left out and its address recorded in
/// `Result.invalidAddresses`, so that references to it do not raise follow-on errors.
public struct ManifestDecoder: Sendable {
    public struct Result: Sendable {
        public var model = DesiredModel()
        public var diagnostics: [Diagnostic] = []
        /// Objects that were declared but could not be decoded.
        public var invalidAddresses: Set<ResourceAddress> = []

        public init() {}

        /// Adds the result of decoding the documents that follow (e.g. the next file).
        public mutating func append(_ other: Result) {
            model.customerGateways += other.model.customerGateways
            model.connections += other.model.connections
            model.moves += other.model.moves
            diagnostics += other.diagnostics
            invalidAddresses.formUnion(other.invalidAddresses)
        }
    }

    public init() {}

    public func decode(_ documents: [YAMLDocument]) -> Result {
        var result = Result()
        let collector = DiagnosticCollector()
        for document in documents {
            guard let root = document.root else { continue }
            decode(root, into: &result, collector: collector)
        }
        result.diagnostics = collector.diagnostics
        return result
    }

    private func decode(_ root: YAMLNode, into result: inout Result, collector: DiagnosticCollector) {
        guard case .mapping(let mapping) = root else {
            collector.append(.error("a manifest document must be a mapping with a 'kind', found \(root.kindDescription)",
                                    hint: "start the document with 'kind: CustomerGateway' or 'kind: VpnConnection'", at: root.location))
            return
        }
        guard case .scalar(let kindScalar)? = mapping["kind"] else {
            collector.append(.error("the document has no 'kind'", hint: "add 'kind:' with one of \(Self.kinds.joined(separator: ", "))", at: mapping.location))
            return
        }
        let name: String? = if case .scalar(let scalar)? = mapping["name"] { scalar.value } else { nil }
        switch kindScalar.value {
        case ManifestSchema.customerGateway.name:
            let address = name.map { ResourceAddress(.customerGateway, $0) }
            if let gateway = decodeCustomerGateway(root, address: address, collector: collector) {
                result.model.customerGateways.append(Declared(value: gateway, node: root))
            } else if let address {
                result.invalidAddresses.insert(address)
            }
        case ManifestSchema.vpnConnection.name:
            let address = name.map { ResourceAddress(.vpnConnection, $0) }
            if let connection = decodeConnection(root, address: address, collector: collector) {
                result.model.connections.append(Declared(value: connection, node: root))
            } else if let address {
                result.invalidAddresses.insert(address)
            }
        case ManifestSchema.moved.name:
            guard let reader = ObjectReader(root, schema: ManifestSchema.moved, address: nil, collector: collector, context: "Moved"),
                  let from = reader.address("from"), let to = reader.address("to") else { return }
            result.model.moves.append(Declared(value: StateMove(from: from, to: to), node: root))
        default:
            let hint = Suggestion.hint(for: kindScalar.value, in: Self.kinds).map { $0 + " " } ?? ""
            collector.append(.error("unknown kind '\(kindScalar.value)'", hint: hint + "valid kinds: " + Self.kinds.joined(separator: ", "), at: kindScalar.location))
        }
    }

    private static let kinds = ManifestSchema.kinds.map(\.name)

    private func decodeCustomerGateway(_ root: YAMLNode, address: ResourceAddress?, collector: DiagnosticCollector) -> CustomerGateway? {
        guard let reader = ObjectReader(root, schema: ManifestSchema.customerGateway, address: address?.description,
                                        collector: collector, context: "CustomerGateway") else { return nil }
        let asn = reader.asn("asn")
        let authKey = reader.secret("bgpAuthKey", base: Self.folder(of: root.location.file))
        let description = reader.string("description")
        let tags = reader.stringMap("tags")
        guard let name = reader.string("name"), let region = reader.string("region"),
              let ipAddress = reader.ipv4Address("ipAddress") else { return nil }
        return CustomerGateway(name: name, region: region, ipAddress: ipAddress, asn: asn, bgpAuthKey: authKey,
                               description: description, tags: tags ?? [:])
    }

    private func decodeConnection(_ root: YAMLNode, address: ResourceAddress?, collector: DiagnosticCollector) -> VpnConnection? {
        guard let reader = ObjectReader(root, schema: ManifestSchema.vpnConnection, address: address?.description,
                                        collector: collector, context: "VpnConnection") else { return nil }
        let file = root.location.file
        let defaults = VpnConnection(name: "", region: "", bind: .currentAccount(cenId: ""), tunnels: [])
        let resourceGroup = reader.identifier("resourceGroup")
        let gatewayType = reader.enumeration("gatewayType", GatewayType.self) ?? defaults.gatewayType
        let bind = reader.object("bind").flatMap(decodeBinding)
        let routingMode = reader.enumeration("routingMode", RoutingMode.self) ?? defaults.routingMode
        let localNetworks = reader.networks("localNetworks") ?? []
        let remoteNetworks = reader.networks("remoteNetworks") ?? []
        let effectImmediately = reader.bool("effectImmediately") ?? defaults.effectImmediately
        let bandwidth = reader.enumeration("tunnelBandwidth", TunnelBandwidth.self) ?? defaults.tunnelBandwidth
        let tags = reader.stringMap("tags") ?? [:]
        let bgp = reader.object("bgp").map(decodeConnectionBGP) ?? defaults.bgp
        let routes = reader.object("routes").map(decodeRoutes) ?? defaults.routes
        let replacement = reader.enumeration("replacement", ReplacementStrategy.self)
        let tunnelNodes = reader.list("tunnels") ?? []
        let tunnels = tunnelNodes.compactMap { item in
            ObjectReader(item, schema: ManifestSchema.tunnel, address: reader.address, collector: collector, context: "a tunnel")
                .flatMap { decodeTunnel($0, file: file) }
        }
        guard let name = reader.string("name"), let region = reader.string("region"), let bind,
              tunnels.count == tunnelNodes.count else { return nil }
        return VpnConnection(
            name: name, region: region, resourceGroup: resourceGroup, gatewayType: gatewayType, bind: bind,
            routingMode: routingMode, localNetworks: localNetworks, remoteNetworks: remoteNetworks,
            effectImmediately: effectImmediately, tunnelBandwidth: bandwidth, tags: tags, bgp: bgp,
            routes: routes, tunnels: tunnels, replacement: replacement)
    }

    private func decodeBinding(_ reader: ObjectReader) -> Binding? {
        if let current = reader.object("currentAccount") {
            return current.identifier("cenId").map { .currentAccount(cenId: $0) }
        }
        if let cross = reader.object("crossAccount") {
            let payer = cross.enumeration("payer", Payer.self) ?? .cenOwner
            guard let cenId = cross.identifier("cenId"), let owner = cross.string("cenOwnerUid") else { return nil }
            return .crossAccount(cenId: cenId, cenOwnerUid: owner, payer: payer)
        }
        return nil
    }

    private func decodeConnectionBGP(_ reader: ObjectReader) -> ConnectionBGP {
        let defaults = ConnectionBGP()
        return ConnectionBGP(enabled: reader.bool("enabled") ?? defaults.enabled,
                             localAsn: reader.asn("localAsn") ?? defaults.localAsn)
    }

    private func decodeRoutes(_ reader: ObjectReader) -> RouteOptions {
        let defaults = RouteOptions()
        return RouteOptions(
            advertise: reader.bool("advertise") ?? defaults.advertise,
            associateDefaultRouteTable: reader.bool("associateDefaultRouteTable") ?? defaults.associateDefaultRouteTable,
            propagateToDefaultRouteTable: reader.bool("propagateToDefaultRouteTable") ?? defaults.propagateToDefaultRouteTable)
    }

    private func decodeTunnel(_ reader: ObjectReader, file: String) -> Tunnel? {
        let defaults = Tunnel(customerGateway: "")
        let key = reader.secret("preSharedKey", base: Self.folder(of: file))
        let ike = reader.object("ike").map(decodeIKE) ?? defaults.ike
        let ipsec = reader.object("ipsec").map(decodeIPsec) ?? defaults.ipsec
        let dpd = reader.bool("dpd") ?? defaults.dpd
        let nat = reader.bool("natTraversal") ?? defaults.natTraversal
        let bgp = reader.object("bgp").flatMap { bgp -> TunnelBGP? in
            guard let cidr = bgp.ipv4Network("tunnelCidr"), let ip = bgp.ipv4Address("localIp") else { return nil }
            return TunnelBGP(tunnelCidr: cidr, localIp: ip)
        }
        guard let gateway = reader.string("customerGateway") else { return nil }
        return Tunnel(customerGateway: gateway, preSharedKey: key, ike: ike, ipsec: ipsec, dpd: dpd, natTraversal: nat, bgp: bgp)
    }

    private func decodeIKE(_ reader: ObjectReader) -> IKEConfig {
        let d = IKEConfig()
        return IKEConfig(
            version: reader.enumeration("version", IKEVersion.self) ?? d.version,
            mode: reader.enumeration("mode", IKEMode.self) ?? d.mode,
            encryption: reader.enumeration("encryption", EncryptionAlgorithm.self) ?? d.encryption,
            authentication: reader.enumeration("authentication", AuthenticationAlgorithm.self) ?? d.authentication,
            dhGroup: reader.enumeration("dhGroup", DHGroup.self) ?? d.dhGroup,
            lifetime: reader.integer("lifetime") ?? d.lifetime,
            localId: reader.string("localId"),
            remoteId: reader.string("remoteId"))
    }

    private func decodeIPsec(_ reader: ObjectReader) -> IPsecConfig {
        let d = IPsecConfig()
        return IPsecConfig(
            encryption: reader.enumeration("encryption", EncryptionAlgorithm.self) ?? d.encryption,
            authentication: reader.enumeration("authentication", AuthenticationAlgorithm.self) ?? d.authentication,
            dhGroup: reader.enumeration("dhGroup", PFSGroup.self) ?? d.dhGroup,
            lifetime: reader.integer("lifetime") ?? d.lifetime)
    }

    /// The folder part of a manifest path (`manifests/dc1.yaml` → `manifests`), for `{file: …}`.
    static func folder(of file: String) -> String {
        guard let slash = file.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return String(file[..<slash])
    }
}
