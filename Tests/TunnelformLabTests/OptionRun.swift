import TunnelformCore

/// A lab run over the option space: two tunnels, each with its own IKE and IPsec settings.
/// Together the runs use every value of every algorithm setting, and every IKE version × mode.
struct OptionRun: Sendable, CustomStringConvertible {
    var name: String
    var routing: RoutingMode = .destination
    var effectImmediately = true
    var tunnels: [Tunnel]

    var description: String { name }

    static let all: [OptionRun] = [
        OptionRun(name: "ikev1-main-and-aggressive", tunnels: [
            Tunnel(customerGateway: "gw-a",
                   ike: IKEConfig(version: .ikev1, mode: .main, encryption: .aes, authentication: .md5, dhGroup: .group1),
                   ipsec: IPsecConfig(encryption: .aes256, authentication: .sha512, dhGroup: .disabled)),
            Tunnel(customerGateway: "gw-a",
                   ike: IKEConfig(version: .ikev1, mode: .aggressive, encryption: .aes192, authentication: .sha1, dhGroup: .group2,
                                  localId: "cloud.tunnelform.test", remoteId: "dc.tunnelform.test"),
                   ipsec: IPsecConfig(encryption: .des, authentication: .md5, dhGroup: .group1)),
        ]),
        OptionRun(name: "ikev2-protected-flows", routing: .protectedDataFlows, tunnels: [
            Tunnel(customerGateway: "gw-a",
                   ike: IKEConfig(version: .ikev2, mode: .main, encryption: .aes256, authentication: .sha256, dhGroup: .group5),
                   ipsec: IPsecConfig(encryption: .tripleDES, authentication: .sha1, dhGroup: .group2)),
            Tunnel(customerGateway: "gw-b",
                   ike: IKEConfig(version: .ikev2, mode: .aggressive, encryption: .des, authentication: .sha384, dhGroup: .group14),
                   ipsec: IPsecConfig(encryption: .aes, authentication: .sha256, dhGroup: .group5)),
        ]),
        OptionRun(name: "mixed-on-traffic-short-lifetimes", effectImmediately: false, tunnels: [
            Tunnel(customerGateway: "gw-a",
                   ike: IKEConfig(version: .ikev1, mode: .main, encryption: .tripleDES, authentication: .sha512, dhGroup: .group2, lifetime: 3600),
                   ipsec: IPsecConfig(encryption: .aes192, authentication: .sha384, dhGroup: .group14, lifetime: 1800),
                   dpd: false, natTraversal: false),
            Tunnel(customerGateway: "gw-b",
                   ike: IKEConfig(version: .ikev2, mode: .main, encryption: .aes, authentication: .sha1, dhGroup: .group14, lifetime: 0),
                   ipsec: IPsecConfig(encryption: .aes, authentication: .sha1, dhGroup: .group2, lifetime: 0)),
        ]),
    ]
}
