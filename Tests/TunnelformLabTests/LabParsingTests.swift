import Testing
import TunnelformCore
@testable import TunnelformLab

/// The lab's small readers: swanctl.conf sections, `--list-sas --raw`, logged proposals, test hosts.
@Suite struct LabParsingTests {
    static let peerConfig = """
        # a user's file
        connections {
          first {   # tunnel 1
            remote_addrs = 198.18.0.1, 198.18.9.9
            local { auth = psk }
            children { a { esp_proposals = aes128-sha1 } b { start_action = start } }
          }
          second : template {
            remote_addrs = 198.18.0.2
            children {
              c {
                local_ts = 10.0.0.0/8
              }
            }
          }
        }
        secrets {
          ike-1 { secret = "x}y\\"z" }
        }
        include extra/*.conf
        """

    @Test func findsConnectionsWithAddressesAndChildren() throws {
        let sections = try SwanctlSections(Self.peerConfig)
        let connections = sections.connections
        #expect(connections.map(\.name) == ["first", "second"])
        #expect(connections[0].remoteAddresses == ["198.18.0.1", "198.18.9.9"])
        #expect(connections[0].children == ["a", "b"])
        #expect(connections[1].children == ["c"])
        #expect(sections.root.section("secrets")?.section("ike-1")?.settings["secret"] == #"x}y"z"#)
    }

    @Test func keepingOnlyCutsOtherConnectionsAndKeepsTheRest() throws {
        let kept = try SwanctlSections(Self.peerConfig).keepingOnly(["second"])
        let again = try SwanctlSections(kept)
        #expect(again.connections.map(\.name) == ["second"])
        #expect(kept.contains("# a user's file"))
        #expect(kept.contains("secrets {"))
    }

    @Test(arguments: ["connections {\n  a {\n", "connections { }\n}", "connections {\n  a = \"open\n}\n"])
    func rejectsBrokenFiles(_ text: String) {
        #expect(throws: LabError.self) { try SwanctlSections(text) }
    }

    @Test func readsChildSAsFromRawListing() {
        let raw = """
            list-sa event {t1 {uniqueid=1 version=2 state=ESTABLISHED child-sas {t1-1 {name=t1 uniqueid=1 state=INSTALLED \
            bytes-in=84 bytes-out=168 local-ts=[0.0.0.0/0] remote-ts=[10.0.0.0/8 10.1.0.0/16]} t1-2 {name=t1 uniqueid=2 \
            state=REKEYING bytes-in=0 bytes-out=0 local-ts=[0.0.0.0/0] remote-ts=[0.0.0.0/0]}}}}
            list-sas reply {}
            """
        let list = SwanctlSAList(raw: raw)
        #expect(list.children.count == 2)
        #expect(list.installed("t1").map(\.uniqueId) == ["1"])
        #expect(list.children[0].bytesOut == 168)
        #expect(list.children[0].remoteTs == ["10.0.0.0/8", "10.1.0.0/16"])
    }

    @Test func translatesLoggedProposals() {
        #expect(ProposalText("IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048").text == "aes256/sha256/group14")
        #expect(ProposalText("ESP:3DES_CBC/HMAC_MD5_96/NO_EXT_SEQ").text == "3des/md5/no PFS")
        #expect(ProposalText("ESP:AES_CBC_128/HMAC_SHA1_96/MODP_768/NO_EXT_SEQ, ESP:DES_CBC/HMAC_SHA2_512_256/NO_EXT_SEQ").text
            == "aes/sha1/group1 or des/sha512/no PFS")
        #expect(ProposalText("ESP:AES_CBC_128/HMAC_SHA1_96/MODP_1536").differsOnlyInGroup(from: ProposalText("ESP:AES_CBC_128/HMAC_SHA1_96/MODP_1024")))
    }

    @Test func testHostsFollowTheRoutingMode() throws {
        let tunnels = [Tunnel(customerGateway: "gw"), Tunnel(customerGateway: "gw")]
        let destination = VpnConnection(name: "c", region: "r", bind: .currentAccount(cenId: "cen-1"), tunnels: tunnels)
        #expect(LabHosts(connection: destination).pairs.map { "\($0.from)>\($0.to)" } == ["100.64.2.1>100.64.1.1"])
        let flows = VpnConnection(
            name: "c", region: "r", bind: .currentAccount(cenId: "cen-1"), routingMode: .protectedDataFlows,
            localNetworks: [try #require(IPv4Network("10.10.0.0/16")), try #require(IPv4Network("10.20.0.7/32"))],
            remoteNetworks: [try #require(IPv4Network("192.168.0.0/31"))], tunnels: tunnels)
        #expect(LabHosts(connection: flows).pairs.map { "\($0.from)>\($0.to)" } == ["192.168.0.0>10.10.0.1", "192.168.0.0>10.20.0.7"])
    }
}
