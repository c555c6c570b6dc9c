import Testing
import TunnelformCore

/// One invalid manifest: the edit to the valid base project, and the diagnostic it must produce
/// at the position of the `⟪` marker.
struct InvalidCase: CustomTestStringConvertible, Sendable {
    var name: String
    var edits: [(String, String)] = []
    var appended = ""
    var fragment: String
    var severity: Diagnostic.Severity = .error
    var environment: [String: String] = [:]

    var testDescription: String { name }
}

private let tunnel1 = "  - customerGateway: gw-a\n    bgp: {tunnelCidr: 169.254.10.0/30, localIp: 169.254.10.1}"
private let tunnel2 = "  - customerGateway: gw-b\n    bgp: {tunnelCidr: 169.254.11.0/30, localIp: 169.254.11.1}"
private let connectionHead = "name: conn\nregion: cn-hangzhou"
private let gatewayA = "name: gw-a\nregion: cn-hangzhou\nipAddress: 203.0.113.10"

let invalidCases: [InvalidCase] = [
    // Document shape
    InvalidCase(name: "document is a list", appended: "---\n⟪- a\n- b\n", fragment: "must be a mapping with a 'kind'"),
    InvalidCase(name: "missing kind", appended: "---\n⟪name: x\n", fragment: "has no 'kind'"),
    InvalidCase(name: "unknown kind", appended: "---\nkind: ⟪VpnConection\nname: x\n", fragment: "did you mean 'VpnConnection'?"),
    InvalidCase(name: "unknown top-level key", edits: [("bgp: {enabled: true}", "bgp: {enabled: true}\n⟪tunnelBandwith: large")], fragment: "did you mean 'tunnelBandwidth'?"),
    InvalidCase(name: "unknown ike key", edits: [(tunnel1, tunnel1 + "\n    ike: {⟪encription: aes}")], fragment: "did you mean 'encryption'?"),
    InvalidCase(name: "unknown gateway key", edits: [("asn: 65010", "asn: 65010\n⟪ipadress: 1.2.3.4")], fragment: "unknown key 'ipadress'"),
    InvalidCase(name: "missing region", edits: [("kind: CustomerGateway\nname: gw-a\nregion: cn-hangzhou\n", "⟪kind: CustomerGateway\nname: gw-a\n")], fragment: "missing required key 'region'"),
    InvalidCase(name: "missing tunnels", edits: [("kind: VpnConnection", "⟪kind: VpnConnection"), ("tunnels:\n" + tunnel1 + "\n" + tunnel2 + "\n", "")], fragment: "missing required key 'tunnels'"),
    InvalidCase(name: "missing bind", edits: [("kind: VpnConnection", "⟪kind: VpnConnection"), ("bind:\n  currentAccount: {cenId: cen-0123456789abcdef}\n", "")], fragment: "missing required key 'bind'"),
    InvalidCase(name: "bind with both forms", edits: [("  currentAccount: {cenId: cen-0123456789abcdef}", "  ⟪currentAccount: {cenId: cen-0123456789abcdef}\n  crossAccount: {cenId: cen-1, cenOwnerUid: 1}")], fragment: "exactly one of currentAccount or crossAccount"),
    InvalidCase(name: "bind with neither form", edits: [("bind:\n  currentAccount: {cenId: cen-0123456789abcdef}", "bind: ⟪{}")], fragment: "found neither"),
    InvalidCase(name: "cenId without prefix", edits: [("{cenId: cen-0123456789abcdef}", "{cenId: ⟪0123456789abcdef}")], fragment: "must be an id starting with 'cen-'"),
    InvalidCase(name: "resource group without prefix", edits: [("bgp: {enabled: true}", "resourceGroup: ⟪default\nbgp: {enabled: true}")], fragment: "starting with 'rg-'"),
    InvalidCase(name: "tunnels is a mapping", edits: [("tunnels:\n" + tunnel1 + "\n" + tunnel2, "tunnels: ⟪{a: 1}")], fragment: "'tunnels' must be a list"),
    InvalidCase(name: "boolean expected", edits: [("bgp: {enabled: true}", "bgp: {enabled: ⟪maybe}")], fragment: "must be true or false"),
    InvalidCase(name: "quoted boolean", edits: [("bgp: {enabled: true}", "bgp: {enabled: true}\neffectImmediately: ⟪\"true\"")], fragment: "must be true or false"),
    InvalidCase(name: "integer expected", edits: [(tunnel1, tunnel1 + "\n    ike: {lifetime: ⟪one-day}")], fragment: "must be a whole number from 0 to 86400"),
    InvalidCase(name: "mapping where scalar belongs", edits: [("region: cn-hangzhou\nipAddress: 203.0.113.10", "region: ⟪{a: b}\nipAddress: 203.0.113.10")], fragment: "must be a string, found a mapping"),
    InvalidCase(name: "null value", edits: [("asn: 65010", "asn: ⟪~")], fragment: "found null"),
    InvalidCase(name: "tags is a list", edits: [("asn: 65010", "asn: 65010\ntags: ⟪[a, b]")], fragment: "'tags' must be a mapping"),
    InvalidCase(name: "secret as a list", edits: [(tunnel1, tunnel1 + "\n    preSharedKey: ⟪[a]")], fragment: "must be a secret reference"),
    InvalidCase(name: "unknown secret form", edits: [(tunnel1, tunnel1 + "\n    preSharedKey: {⟪evn: X}")], fragment: "did you mean 'env'?"),
    // Enumerations
    InvalidCase(name: "unknown gatewayType", edits: [("bgp: {enabled: true}", "gatewayType: ⟪pubic\nbgp: {enabled: true}")], fragment: "did you mean 'public'?"),
    InvalidCase(name: "unknown routingMode", edits: [("bgp: {enabled: true}", "routingMode: ⟪policy\nbgp: {enabled: true}")], fragment: "unknown value 'policy' for 'routingMode'"),
    InvalidCase(name: "unknown tunnelBandwidth", edits: [("bgp: {enabled: true}", "tunnelBandwidth: ⟪huge\nbgp: {enabled: true}")], fragment: "valid values: standard, large"),
    InvalidCase(name: "unknown ike version", edits: [(tunnel1, tunnel1 + "\n    ike: {version: ⟪ikev3}")], fragment: "unknown value 'ikev3'"),
    InvalidCase(name: "unknown ike mode", edits: [(tunnel1, tunnel1 + "\n    ike: {mode: ⟪agressive}")], fragment: "did you mean 'aggressive'?"),
    InvalidCase(name: "unknown ike encryption", edits: [(tunnel1, tunnel1 + "\n    ike: {encryption: ⟪aes512}")], fragment: "unknown value 'aes512'"),
    InvalidCase(name: "unknown ike authentication", edits: [(tunnel1, tunnel1 + "\n    ike: {authentication: ⟪sha3}")], fragment: "unknown value 'sha3'"),
    InvalidCase(name: "unknown ike dhGroup", edits: [(tunnel1, tunnel1 + "\n    ike: {dhGroup: ⟪group15}")], fragment: "unknown value 'group15'"),
    InvalidCase(name: "ike dhGroup disabled", edits: [(tunnel1, tunnel1 + "\n    ike: {dhGroup: ⟪disabled}")], fragment: "valid values: group1, group2, group5, group14"),
    InvalidCase(name: "unknown ipsec dhGroup", edits: [(tunnel1, tunnel1 + "\n    ipsec: {dhGroup: ⟪group3}")], fragment: "unknown value 'group3'"),
    InvalidCase(name: "unknown ipsec encryption", edits: [(tunnel1, tunnel1 + "\n    ipsec: {encryption: ⟪blowfish}")], fragment: "unknown value 'blowfish'"),
    InvalidCase(name: "unknown payer", edits: [("  currentAccount: {cenId: cen-0123456789abcdef}", "  crossAccount: {cenId: cen-1, cenOwnerUid: 12, payer: ⟪me}")], fragment: "valid values: cenOwner, resourceOwner"),
    // Names, descriptions, tags
    InvalidCase(name: "name too long", edits: [("name: gw-a", "name: ⟪" + String(repeating: "g", count: 101))], fragment: "name must be 1–100 characters long, is 101"),
    InvalidCase(name: "name with URL scheme", edits: [(connectionHead, "name: ⟪https://conn\nregion: cn-hangzhou")], fragment: "must not start with http:// or https://"),
    InvalidCase(name: "duplicate gateway name", edits: [("name: gw-b", "name: ⟪gw-a")], fragment: "CustomerGateway/gw-a is declared twice"),
    InvalidCase(name: "duplicate connection name", appended: "---\nkind: VpnConnection\nname: ⟪conn\nregion: cn-hangzhou\nbind: {currentAccount: {cenId: cen-1}}\ntunnels: [{customerGateway: gw-a}, {customerGateway: gw-b}]\n", fragment: "VpnConnection/conn is declared twice"),
    InvalidCase(name: "description too long", edits: [("asn: 65010", "asn: 65010\ndescription: ⟪" + String(repeating: "d", count: 101))], fragment: "description must be 1–100 characters"),
    InvalidCase(name: "description with URL", edits: [("asn: 65010", "asn: 65010\ndescription: ⟪http://x")], fragment: "description must not start with http://"),
    InvalidCase(name: "tag key starting with aliyun", edits: [("asn: 65010", "asn: 65010\ntags: {⟪aliyunTeam: x}")], fragment: "must not start with 'aliyun' or 'acs:'"),
    InvalidCase(name: "tag key starting with acs:", edits: [("bgp: {enabled: true}", "tags: {⟪\"acs:env\": x}\nbgp: {enabled: true}")], fragment: "must not start with 'aliyun' or 'acs:'"),
    InvalidCase(name: "tag key with URL", edits: [("asn: 65010", "asn: 65010\ntags: {⟪\"see-https://x\": y}")], fragment: "must not contain http://"),
    InvalidCase(name: "too many tags", edits: [("asn: 65010", "asn: 65010\ntags: ⟪{" + (1...21).map { "k\($0): v" }.joined(separator: ", ") + "}")], fragment: "21 tags, at most 20"),
    // Gateway addresses and ASNs
    InvalidCase(name: "malformed IP", edits: [("ipAddress: 203.0.113.10", "ipAddress: ⟪203.0.113.256")], fragment: "is not an IPv4 address"),
    InvalidCase(name: "shared address space IP", edits: [("ipAddress: 203.0.113.10", "ipAddress: ⟪100.64.1.1")], fragment: "shared address space"),
    InvalidCase(name: "loopback IP", edits: [("ipAddress: 203.0.113.10", "ipAddress: ⟪127.0.0.1")], fragment: "loopback"),
    InvalidCase(name: "link-local IP", edits: [("ipAddress: 203.0.113.10", "ipAddress: ⟪169.254.1.1")], fragment: "link-local"),
    InvalidCase(name: "multicast IP", edits: [("ipAddress: 203.0.113.10", "ipAddress: ⟪224.0.0.5")], fragment: "multicast"),
    InvalidCase(name: "255/8 IP", edits: [("ipAddress: 203.0.113.10", "ipAddress: ⟪255.1.1.1")], fragment: "reserved (255.0.0.0/8)"),
    InvalidCase(name: "private IP on public connection", edits: [("ipAddress: 203.0.113.10", "ipAddress: ⟪10.1.1.1")], fragment: "needs a public one"),
    InvalidCase(name: "public IP on private connection", edits: [("bgp: {enabled: true}", "gatewayType: private\nbgp: {enabled: true}"), ("ipAddress: 203.0.113.10", "ipAddress: ⟪203.0.113.99")], fragment: "needs a private one"),
    InvalidCase(name: "ASN zero", edits: [("asn: 65010", "asn: ⟪0")], fragment: "is not a valid ASN"),
    InvalidCase(name: "ASN too large", edits: [("asn: 65010", "asn: ⟪4294967296")], fragment: "is not a valid ASN"),
    InvalidCase(name: "asdot part too large", edits: [("asn: 65010", "asn: ⟪\"65536.1\"")], fragment: "is not a valid ASN"),
    InvalidCase(name: "ASN 45104 on a gateway", edits: [("asn: 65010", "asn: ⟪45104")], fragment: "45104 is reserved for the Alibaba Cloud side"),
    InvalidCase(name: "gateway without ASN under BGP", edits: [("kind: CustomerGateway\nname: gw-b", "⟪kind: CustomerGateway\nname: gw-b"), ("asn: 65011\n", "")], fragment: "CustomerGateway/gw-b has no asn"),
    InvalidCase(name: "gateway ASN equal to local ASN", edits: [("bgp: {enabled: true}", "bgp: {enabled: true, localAsn: 65010}"), ("asn: 65010", "asn: ⟪65010")], fragment: "the same as the local ASN"),
    InvalidCase(name: "asdot local ASN equal to gateway", edits: [("bgp: {enabled: true}", "bgp: {enabled: true, localAsn: \"0.65010\"}"), ("asn: 65010", "asn: ⟪65010")], fragment: "the same as the local ASN"),
    // References and regions
    InvalidCase(name: "unknown customer gateway", edits: [("  - customerGateway: gw-a", "  - customerGateway: ⟪gw-c")], fragment: "did you mean 'gw-a'?"),
    InvalidCase(name: "gateway in another region", edits: [("name: gw-b\nregion: cn-hangzhou", "name: gw-b\nregion: cn-shanghai"), ("  - customerGateway: gw-b", "  - customerGateway: ⟪gw-b")], fragment: "in region cn-shanghai, but the connection is in cn-hangzhou"),
    // Tunnels
    InvalidCase(name: "one tunnel", edits: [("tunnels:\n" + tunnel1 + "\n" + tunnel2, "tunnels:\n  ⟪" + tunnel1.dropFirst(2))], fragment: "exactly 2 tunnels, found 1"),
    InvalidCase(name: "three tunnels", edits: [("tunnels:\n" + tunnel1, "tunnels:\n  ⟪" + tunnel1.dropFirst(2) + "\n  - customerGateway: gw-a\n    bgp: {tunnelCidr: 169.254.12.0/30, localIp: 169.254.12.1}")], fragment: "exactly 2 tunnels, found 3"),
    InvalidCase(name: "ike lifetime too long", edits: [(tunnel1, tunnel1 + "\n    ike: {lifetime: ⟪86401}")], fragment: "ike.lifetime 86401 is out of range"),
    InvalidCase(name: "ipsec lifetime too long", edits: [(tunnel1, tunnel1 + "\n    ipsec: {lifetime: ⟪100000}")], fragment: "ipsec.lifetime 100000 is out of range"),
    InvalidCase(name: "localId with space", edits: [(tunnel1, tunnel1 + "\n    ike: {localId: ⟪\"a b\"}")], fragment: "contains a space"),
    InvalidCase(name: "remoteId malformed", edits: [(tunnel1, tunnel1 + "\n    ike: {remoteId: ⟪\"-bad-.example\"}")], fragment: "neither an IPv4 address nor a domain name"),
    InvalidCase(name: "remoteId too long", edits: [(tunnel1, tunnel1 + "\n    ike: {remoteId: ⟪" + String(repeating: "a", count: 101) + "}")], fragment: "is longer than 100 characters"),
    InvalidCase(name: "FQDN id in IKEv1 main mode", edits: [(tunnel1, tunnel1 + "\n    ike: {version: ikev1, localId: ⟪vpn.example.com}")], fragment: "is an FQDN but tunnel 1 negotiates in main mode", severity: .warning),
    InvalidCase(name: "DES for IKE", edits: [(tunnel1, tunnel1 + "\n    ike: {encryption: ⟪des}")], fragment: "uses des for ike encryption, which is weak", severity: .warning),
    InvalidCase(name: "3DES for IPsec", edits: [(tunnel1, tunnel1 + "\n    ipsec: {encryption: ⟪3des}")], fragment: "uses 3des for ipsec encryption", severity: .warning),
    // BGP
    InvalidCase(name: "BGP enabled without tunnel block", edits: [(tunnel1, "  - ⟪customerGateway: gw-a")], fragment: "tunnel 1 has no bgp block"),
    InvalidCase(name: "tunnel BGP block while disabled", edits: [("bgp: {enabled: true}", "bgp: {enabled: false}"), ("  - customerGateway: gw-a\n    bgp: {", "  - customerGateway: gw-a\n    bgp: ⟪{")], fragment: "bgp.enabled is false", severity: .warning),
    InvalidCase(name: "tunnel CIDR not /30", edits: [("tunnelCidr: 169.254.10.0/30, localIp: 169.254.10.1", "tunnelCidr: ⟪169.254.10.0/29, localIp: 169.254.10.1")], fragment: "is not a /30"),
    InvalidCase(name: "tunnel CIDR outside link-local", edits: [("tunnelCidr: 169.254.10.0/30, localIp: 169.254.10.1", "tunnelCidr: ⟪10.0.0.0/30, localIp: 10.0.0.1")], fragment: "is outside 169.254.0.0/16"),
    InvalidCase(name: "tunnel CIDR reserved 0", edits: [("tunnelCidr: 169.254.10.0/30, localIp: 169.254.10.1", "tunnelCidr: ⟪169.254.0.0/30, localIp: 169.254.0.1")], fragment: "is reserved by the cloud"),
    InvalidCase(name: "tunnel CIDR reserved 6", edits: [("tunnelCidr: 169.254.10.0/30, localIp: 169.254.10.1", "tunnelCidr: ⟪169.254.6.0/30, localIp: 169.254.6.1")], fragment: "is reserved by the cloud"),
    InvalidCase(name: "tunnel CIDR reserved 169.252", edits: [("tunnelCidr: 169.254.10.0/30, localIp: 169.254.10.1", "tunnelCidr: ⟪169.254.169.252/30, localIp: 169.254.169.253")], fragment: "is reserved by the cloud"),
    InvalidCase(name: "tunnel CIDR host bits", edits: [("tunnelCidr: 169.254.10.0/30, localIp: 169.254.10.1", "tunnelCidr: ⟪169.254.10.1/30, localIp: 169.254.10.2")], fragment: "did you mean 169.254.10.0/30?"),
    InvalidCase(name: "tunnel CIDR malformed", edits: [("tunnelCidr: 169.254.10.0/30", "tunnelCidr: ⟪169.254.10.0")], fragment: "is not a CIDR block"),
    InvalidCase(name: "local BGP IP outside CIDR", edits: [("localIp: 169.254.10.1", "localIp: ⟪169.254.99.1")], fragment: "is not inside tunnelCidr"),
    InvalidCase(name: "local BGP IP is network address", edits: [("localIp: 169.254.10.1", "localIp: ⟪169.254.10.0")], fragment: "is the network address"),
    InvalidCase(name: "local BGP IP is broadcast address", edits: [("localIp: 169.254.10.1", "localIp: ⟪169.254.10.3")], fragment: "is the broadcast address"),
    InvalidCase(name: "same CIDR on both tunnels", edits: [("tunnelCidr: 169.254.11.0/30, localIp: 169.254.11.1", "tunnelCidr: ⟪169.254.10.0/30, localIp: 169.254.10.2")], fragment: "already used by tunnel 1 of the same connection"),
    InvalidCase(name: "same CIDR across connections in a region", appended: "---\nkind: VpnConnection\nname: conn2\nregion: cn-hangzhou\nbind: {currentAccount: {cenId: cen-1}}\nbgp: {enabled: true}\ntunnels:\n  - customerGateway: gw-a\n    bgp: {tunnelCidr: ⟪169.254.10.0/30, localIp: 169.254.10.1}\n  - customerGateway: gw-b\n    bgp: {tunnelCidr: 169.254.21.0/30, localIp: 169.254.21.1}\n", fragment: "already used by tunnel 1 of VpnConnection/conn"),
    InvalidCase(name: "tunnel BGP missing localIp", edits: [("bgp: {tunnelCidr: 169.254.10.0/30, localIp: 169.254.10.1}", "bgp: ⟪{tunnelCidr: 169.254.10.0/30}")], fragment: "missing required key 'localIp'"),
    // Routing modes
    InvalidCase(name: "protected flows without networks", edits: [("bgp: {enabled: true}", "routingMode: ⟪protectedDataFlows\nbgp: {enabled: true}")], fragment: "needs at least one CIDR block in localNetworks"),
    InvalidCase(name: "networks with destination routing", edits: [("bgp: {enabled: true}", "localNetworks: ⟪[10.0.0.0/16]\nbgp: {enabled: true}")], fragment: "only allowed with routingMode: protectedDataFlows"),
    InvalidCase(name: "network with host bits", edits: [("bgp: {enabled: true}", "routingMode: protectedDataFlows\nlocalNetworks: [⟪10.0.0.1/24]\nremoteNetworks: [192.168.0.0/24]\nbgp: {enabled: true}")], fragment: "did you mean 10.0.0.0/24?"),
    InvalidCase(name: "duplicate network", edits: [("bgp: {enabled: true}", "routingMode: protectedDataFlows\nlocalNetworks: [10.0.0.0/24, ⟪10.0.0.0/24]\nremoteNetworks: [192.168.0.0/24]\nbgp: {enabled: true}")], fragment: "appears twice in localNetworks"),
    InvalidCase(name: "overlapping local and remote", edits: [("bgp: {enabled: true}", "routingMode: protectedDataFlows\nlocalNetworks: [10.0.0.0/16]\nremoteNetworks: [⟪10.0.5.0/24]\nbgp: {enabled: true}")], fragment: "overlaps local network 10.0.0.0/16"),
    InvalidCase(name: "several networks with ikev1", edits: [("bgp: {enabled: true}", "routingMode: protectedDataFlows\nlocalNetworks: [10.0.0.0/16, 10.1.0.0/16]\nremoteNetworks: [192.168.0.0/24]\nbgp: {enabled: true}"), (tunnel1, tunnel1 + "\n    ike: {version: ⟪ikev1}")], fragment: "several CIDR blocks on one side need ikev2"),
    InvalidCase(name: "malformed network", edits: [("bgp: {enabled: true}", "routingMode: protectedDataFlows\nlocalNetworks: [⟪10.0.0.0/33]\nremoteNetworks: [192.168.0.0/24]\nbgp: {enabled: true}")], fragment: "is not a CIDR block"),
    // Bindings and routes
    InvalidCase(name: "routes on a cross-account connection", edits: [("  currentAccount: {cenId: cen-0123456789abcdef}", "  crossAccount: {cenId: cen-1, cenOwnerUid: 12}\nroutes: ⟪{advertise: false}")], fragment: "routes apply only to a currentAccount binding"),
    InvalidCase(name: "non-numeric CEN owner", edits: [("  currentAccount: {cenId: cen-0123456789abcdef}", "  crossAccount: {cenId: cen-1, cenOwnerUid: ⟪acme}")], fragment: "is not an Alibaba Cloud account id"),
    // Secrets
    InvalidCase(name: "literal key", edits: [(tunnel1, tunnel1 + "\n    preSharedKey: ⟪hunter2")], fragment: "preSharedKey is written in the manifest", severity: .warning),
    InvalidCase(name: "literal key with space", edits: [(tunnel1, tunnel1 + "\n    preSharedKey: ⟪\"a b\"")], fragment: "must not contain spaces"),
    InvalidCase(name: "literal key too long", edits: [(tunnel1, tunnel1 + "\n    preSharedKey: ⟪" + String(repeating: "k", count: 101))], fragment: "must be 1–100 characters long"),
    InvalidCase(name: "literal auth key with question mark", edits: [("asn: 65010", "asn: 65010\nbgpAuthKey: ⟪\"what?\"")], fragment: "must not contain '?'"),
    InvalidCase(name: "missing environment variable", edits: [(tunnel1, tunnel1 + "\n    preSharedKey: ⟪{env: TF_TEST_MISSING_PSK}")], fragment: "{env: TF_TEST_MISSING_PSK} is not set"),
    InvalidCase(name: "missing key file", edits: [(tunnel1, tunnel1 + "\n    preSharedKey: ⟪{file: nowhere.psk}")], fragment: "{file: nowhere.psk} cannot be read"),
    InvalidCase(name: "resolved key with bad character", edits: [(tunnel1, tunnel1 + "\n    preSharedKey: ⟪{env: TF_TEST_PSK}")], fragment: "may contain only letters, digits", environment: ["TF_TEST_PSK": "bad\u{7F}key"]),
    // Moved documents and replacement
    InvalidCase(name: "moved to an undeclared address", appended: "---\nkind: Moved\nfrom: VpnConnection/old\nto: ⟪VpnConnection/cnn\n",
                fragment: "is not declared in the manifests"),
    InvalidCase(name: "moved from a declared address", appended: "---\nkind: Moved\nfrom: ⟪VpnConnection/conn\nto: VpnConnection/conn2\n",
                fragment: "is still declared"),
    InvalidCase(name: "moved across kinds", appended: "---\nkind: Moved\nfrom: CustomerGateway/gw-old\nto: ⟪VpnConnection/conn\n",
                fragment: "the kinds differ"),
    InvalidCase(name: "moved from a malformed address", appended: "---\nkind: Moved\nfrom: ⟪conn-old\nto: VpnConnection/conn\n",
                fragment: "must be an address Kind/name"),
    InvalidCase(name: "unknown replacement", edits: [("bgp: {enabled: true}", "bgp: {enabled: true}\nreplacement: ⟪createBeforeDestroi")],
                fragment: "did you mean 'createBeforeDestroy'?"),
    InvalidCase(name: "asdot ASN written as a float", edits: [("asn: 65010", "asn: ⟪65010.0")], fragment: "is the number 65010 to YAML"),
    InvalidCase(name: "unquoted asdot ASN", edits: [("asn: 65010", "asn: ⟪1.10")], fragment: "quote it: \"1.10\"", severity: .warning),
    InvalidCase(name: "resolved auth key too long", edits: [("asn: 65010", "asn: 65010\nbgpAuthKey: ⟪{env: TF_TEST_AUTH}")], fragment: "must be 1–64 characters long", environment: ["TF_TEST_AUTH": String(repeating: "a", count: 65)]),
]

@Suite("Invalid manifests are rejected with positioned diagnostics")
struct ValidationCorpusTests {
    @Test func corpusCoversTheRules() {
        #expect(invalidCases.count >= 60)
        #expect(Set(invalidCases.map(\.name)).count == invalidCases.count)
    }

    @Test func baseProjectIsValid() throws {
        let fixture = try ManifestFixture(ManifestFixture.base)
        defer { fixture.remove() }
        #expect(fixture.diagnostics() == [])
    }

    /// IKEv2 has no aggressive mode and carries FQDN identities without trouble: no warning.
    @Test func fqdnIdentityWithIKEv2IsNotWarned() throws {
        let fixture = try ManifestFixture.editing([(tunnel1, tunnel1 + "\n    ike: {version: ikev2, localId: vpn.example.com, remoteId: dc.example.com}")])
        defer { fixture.remove() }
        #expect(fixture.diagnostics() == [])
    }

    @Test(arguments: invalidCases)
    func invalidManifest(_ invalid: InvalidCase) throws {
        let fixture = try ManifestFixture.editing(invalid.edits, appending: invalid.appended)
        defer { fixture.remove() }
        let diagnostics = fixture.diagnostics(environment: invalid.environment)
        let expected = try #require(fixture.expectedLocation, "case has no ⟪ marker")
        let match = diagnostics.first { $0.message.contains(invalid.fragment) || ($0.hint ?? "").contains(invalid.fragment) }
        let found = try #require(match, "no diagnostic containing '\(invalid.fragment)' in:\n\(diagnostics.map(\.rendered).joined(separator: "\n"))")
        #expect(found.severity == invalid.severity)
        #expect(found.location == expected, "\(found.rendered)")
        if invalid.severity == .error {
            #expect(diagnostics.hasErrors)
        }
        for value in invalid.environment.values {
            #expect(!diagnostics.contains { $0.rendered.contains(value) }, "a diagnostic reveals a secret value")
        }
    }
}
