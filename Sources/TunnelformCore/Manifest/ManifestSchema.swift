/// The manifest format: every kind, field, type and default. The decoder reads fields only
/// through these definitions and `tunnelform schema` prints them, so the two cannot drift.
public enum ManifestSchema {
    static let name = FieldType.string(minLength: 1, maxLength: 100)
    static let seconds = FieldType.integer(min: 0, max: 86400)
    static let tags = FieldType.map(.string(maxLength: 128), maxEntries: 20)

    public static let customerGateway = ObjectSchema(
        name: "CustomerGateway",
        summary: "A customer gateway: the data-center side of a tunnel.",
        fields: [
            FieldSchema("kind", .enumeration(["CustomerGateway"]), required: true, "Always CustomerGateway."),
            FieldSchema("name", name, required: true, "Unique among customer gateways; 1–100 characters, not starting with http:// or https://."),
            FieldSchema("region", .string(minLength: 1), required: true, "Region id, e.g. cn-hangzhou; connections using the gateway must be in the same region."),
            FieldSchema("ipAddress", .ipv4Address, required: true, "The gateway's IPv4 address: public for public connections, private for private ones. Changing it replaces the gateway."),
            FieldSchema("asn", .asn, "The gateway's BGP ASN (1–4294967295 or asdot A.B, not 45104); required when a BGP-enabled connection uses it. Changing it replaces the gateway."),
            FieldSchema("bgpAuthKey", .secret, "BGP MD5 authentication key: 1–64 ASCII characters, no spaces, no '?'."),
            FieldSchema("description", .string(minLength: 1, maxLength: 100), "1–100 characters, not starting with http:// or https://."),
            FieldSchema("tags", tags, "At most 20 tags; keys must not start with aliyun or acs: nor contain http:// or https://."),
        ])

    public static let vpnConnection = ObjectSchema(
        name: "VpnConnection",
        summary: "An IPsec-VPN connection in dual-tunnel mode bound to a CEN transit router.",
        fields: [
            FieldSchema("kind", .enumeration(["VpnConnection"]), required: true, "Always VpnConnection."),
            FieldSchema("name", name, required: true, "Unique among connections; 1–100 characters, not starting with http:// or https://."),
            FieldSchema("region", .string(minLength: 1), required: true, "The region of the transit router the connection binds to."),
            FieldSchema("resourceGroup", .identifier(prefix: "rg-"), "Resource group id; the account's default group when absent."),
            FieldSchema("gatewayType", .enumeration(GatewayType.allValues), default: "\"public\"", "public (over the Internet) or private (over a private network). Changing it replaces the connection."),
            FieldSchema("bind", .object(bind), required: true, "The transit router to bind to: currentAccount or crossAccount."),
            FieldSchema("routingMode", .enumeration(RoutingMode.allValues), default: "\"destination\"", "destination, or protectedDataFlows (needs localNetworks and remoteNetworks)."),
            FieldSchema("localNetworks", .list(.ipv4Network, minItems: 1), "Alibaba Cloud side CIDR blocks (protectedDataFlows only)."),
            FieldSchema("remoteNetworks", .list(.ipv4Network, minItems: 1), "Data-center side CIDR blocks (protectedDataFlows only)."),
            FieldSchema("effectImmediately", .boolean, default: "true", "Negotiate as soon as configured (true) or when traffic arrives (false)."),
            FieldSchema("tunnelBandwidth", .enumeration(TunnelBandwidth.allValues), default: "\"standard\"", "standard (1 Gbit/s) or large (3 Gbit/s). Changing it replaces the connection."),
            FieldSchema("tags", tags, "At most 20 tags; keys must not start with aliyun or acs: nor contain http:// or https://."),
            FieldSchema("replacement", .enumeration(ReplacementStrategy.allValues), "How a change that cannot be made in place replaces the connection: createBeforeDestroy (no outage; refused when the new connection needs a tunnel CIDR the old one holds) or destroyBeforeCreate (the tunnels are down until the new connection negotiates). Default: createBeforeDestroy when possible, else destroyBeforeCreate."),
            FieldSchema("bgp", .object(connectionBGP), "BGP for both tunnels."),
            FieldSchema("routes", .object(routes), "Route settings of a current-account binding."),
            FieldSchema("tunnels", .list(.object(tunnel), minItems: 2, maxItems: 2), required: true, "Exactly two tunnels: tunnel 1, then tunnel 2."),
        ])

    public static let bind = ObjectSchema(
        name: "Bind",
        summary: "Exactly one of currentAccount or crossAccount.",
        fields: [
            FieldSchema("currentAccount", .object(currentAccount), "Bind to the transit router of a CEN instance of this account."),
            FieldSchema("crossAccount", .object(crossAccount), "Create unbound, then grant another account's CEN instance."),
        ],
        exactlyOneOf: ["currentAccount", "crossAccount"])

    public static let currentAccount = ObjectSchema(
        name: "CurrentAccountBinding",
        summary: "A CEN instance of this account.",
        fields: [
            FieldSchema("cenId", .identifier(prefix: "cen-"), required: true, "The CEN instance whose transit router in the region takes the connection."),
        ])

    public static let crossAccount = ObjectSchema(
        name: "CrossAccountBinding",
        summary: "A CEN instance of another account.",
        fields: [
            FieldSchema("cenId", .identifier(prefix: "cen-"), required: true, "The other account's CEN instance to grant the connection to."),
            FieldSchema("cenOwnerUid", .accountId, required: true, "The Alibaba Cloud account id (digits) that owns the CEN instance."),
            FieldSchema("payer", .enumeration(Payer.allValues), default: "\"cenOwner\"", "Who pays for the attachment: cenOwner or resourceOwner."),
        ])

    public static let connectionBGP = ObjectSchema(
        name: "ConnectionBgp",
        summary: "BGP settings shared by both tunnels.",
        fields: [
            FieldSchema("enabled", .boolean, default: "false", "Enable BGP; every tunnel then needs a bgp block and every customer gateway an asn."),
            FieldSchema("localAsn", .asn, default: "45104", "The cloud side's ASN (1–4294967295 or asdot A.B)."),
        ])

    public static let routes = ObjectSchema(
        name: "Routes",
        summary: "Advanced route settings (current-account binding only).",
        fields: [
            FieldSchema("advertise", .boolean, default: "true", "Advertise the transit router's routes to the connection's BGP route table."),
            FieldSchema("associateDefaultRouteTable", .boolean, default: "true", "Associate the attachment with the transit router's default route table."),
            FieldSchema("propagateToDefaultRouteTable", .boolean, default: "true", "Advertise the connection's routes to the default route table."),
        ])

    public static let tunnel = ObjectSchema(
        name: "Tunnel",
        summary: "One tunnel of the connection.",
        fields: [
            FieldSchema("customerGateway", name, required: true, "Name of a CustomerGateway in the manifests."),
            FieldSchema("preSharedKey", .secret, "Pre-shared key reference; the cloud generates a 16-character key when absent."),
            FieldSchema("ike", .object(ike), "Phase 1 (IKE) settings."),
            FieldSchema("ipsec", .object(ipsec), "Phase 2 (IPsec) settings."),
            FieldSchema("dpd", .boolean, default: "true", "Dead peer detection (30 s timeout)."),
            FieldSchema("natTraversal", .boolean, default: "true", "NAT traversal."),
            FieldSchema("bgp", .object(tunnelBGP), "The tunnel's BGP addresses; required when bgp.enabled."),
        ])

    public static let ike = ObjectSchema(
        name: "Ike",
        summary: "IKE (phase 1) settings.",
        fields: [
            FieldSchema("version", .enumeration(IKEVersion.allValues), default: "\"ikev2\"", "ikev1 or ikev2."),
            FieldSchema("mode", .enumeration(IKEMode.allValues), default: "\"main\"", "main or aggressive."),
            FieldSchema("encryption", .enumeration(EncryptionAlgorithm.allValues), default: "\"aes\"", "aes (AES-128), aes192, aes256, des, 3des."),
            FieldSchema("authentication", .enumeration(AuthenticationAlgorithm.allValues), default: "\"sha1\"", "sha1, md5, sha256, sha384, sha512 (also the PRF)."),
            FieldSchema("dhGroup", .enumeration(DHGroup.allValues), default: "\"group2\"", "group1, group2, group5, group14."),
            FieldSchema("lifetime", seconds, default: "86400", "SA lifetime in seconds, 0–86400."),
            FieldSchema("localId", .string(minLength: 1, maxLength: 100), "Cloud side identity (IP or FQDN); the tunnel gateway IP when absent."),
            FieldSchema("remoteId", .string(minLength: 1, maxLength: 100), "Data-center side identity (IP or FQDN); the customer gateway IP when absent."),
        ])

    public static let ipsec = ObjectSchema(
        name: "Ipsec",
        summary: "IPsec (phase 2) settings.",
        fields: [
            FieldSchema("encryption", .enumeration(EncryptionAlgorithm.allValues), default: "\"aes\"", "aes (AES-128), aes192, aes256, des, 3des."),
            FieldSchema("authentication", .enumeration(AuthenticationAlgorithm.allValues), default: "\"sha1\"", "sha1, md5, sha256, sha384, sha512."),
            FieldSchema("dhGroup", .enumeration(PFSGroup.allValues), default: "\"group2\"", "PFS group: disabled, group1, group2, group5, group14."),
            FieldSchema("lifetime", seconds, default: "86400", "SA lifetime in seconds, 0–86400."),
        ])

    public static let tunnelBGP = ObjectSchema(
        name: "TunnelBgp",
        summary: "BGP addresses of one tunnel.",
        fields: [
            FieldSchema("tunnelCidr", .ipv4Network, required: true, "A /30 inside 169.254.0.0/16, unique in the region."),
            FieldSchema("localIp", .ipv4Address, required: true, "The cloud side's BGP address: a usable host inside tunnelCidr."),
        ])

    /// The secret reference forms, for the schema's `oneOf`.
    public static let secretForms = ["env", "file"]

    /// A record renamed in the state before planning, like Terraform's `moved` block; does nothing once applied.
    public static let moved = ObjectSchema(
        name: "Moved",
        summary: "Renames a customer gateway or connection in place: the next plan moves its state record from one address to the other.",
        fields: [
            FieldSchema("kind", .enumeration(["Moved"]), required: true, "Always Moved."),
            FieldSchema("from", .address, required: true, "The old address, e.g. VpnConnection/shanghai-dc."),
            FieldSchema("to", .address, required: true, "The new address, of the same kind, declared in the manifests."),
        ])

    /// Every manifest kind, by its `kind` value.
    public static let kinds: [ObjectSchema] = [customerGateway, vpnConnection, moved]
}
