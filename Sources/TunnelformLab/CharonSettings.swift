/// The strongswan.conf of one lab daemon (see strongswan-lab.md): an explicit plugin list with
/// kernel-libipsec (the sandbox kernel has no ESP), short retransmits so a silent peer fails in
/// about 4 s, Aggressive Mode PSK allowed for a responder, a private vici socket, and a log file
/// at the levels the diagnosis reads (proposal selection is logged by `cfg` at level 2).
struct CharonSettings {
    var folder: String
    /// Off with BGP: routes into the tunnel then come from BGP (zebra), as on a route-based device.
    var installRoutes = true

    var configPath: String { "\(folder)/strongswan.conf" }
    var socketPath: String { "\(folder)/charon.vici" }
    var socketURI: String { "unix://\(socketPath)" }
    var logPath: String { "\(folder)/charon.log" }

    static let plugins = "random nonce aes sha1 sha2 md5 hmac gmp gcrypt curve25519 kdf pem pkcs1 x509 pubkey "
        + "kernel-libipsec kernel-netlink socket-default vici updown"

    var text: String {
        """
        charon {
          load_modular = no
          load = \(Self.plugins)
          install_routes = \(installRoutes ? "yes" : "no")
          install_virtual_ip = no
          retransmit_tries = 2
          retransmit_timeout = 1.0
          retransmit_base = 1.4
          i_dont_care_about_security_and_use_aggressive_mode_psk = yes
          filelog {
            lab {
              path = \(logPath)
              default = 1
              ike = 2
              cfg = 2
              flush_line = yes
            }
          }
          plugins {
            vici {
              socket = \(socketURI)
            }
          }
        }
        charon-systemd {
          journal {
            default = -1
          }
        }

        """
    }
}
