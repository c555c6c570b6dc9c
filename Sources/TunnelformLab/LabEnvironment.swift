import Foundation

/// Where the lab's programs live, and the check that they and the privileges it needs are there.
public struct LabEnvironment: Sendable {
    public var charon = "/usr/sbin/charon-systemd"
    public var swanctl = "/usr/sbin/swanctl"
    public var ip = "/usr/sbin/ip"
    public var ping = "/usr/bin/ping"
    public var pluginFolder = "/usr/lib/ipsec/plugins"
    /// For `--behind-nat` only.
    public var iptables = "/usr/sbin/iptables"
    /// FRR, for BGP-enabled connections only.
    public var zebra = "/usr/lib/frr/zebra"
    public var bgpd = "/usr/lib/frr/bgpd"
    public var vtysh = "/usr/bin/vtysh"

    /// Plugins beyond the default ones the lab's strongswan.conf loads: userspace ESP (the sandbox
    /// kernel has no ESP), and gcrypt for DES, 3DES, MD5 and MODP-768.
    static let requiredPlugins = ["kernel-libipsec", "gcrypt", "vici", "kernel-netlink", "socket-default"]

    public init() {
        for candidate in ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"] where FileManager.default.isExecutableFile(atPath: candidate) {
            ip = candidate
            break
        }
        for candidate in ["/usr/bin/ping", "/bin/ping", "/usr/sbin/ping"] where FileManager.default.isExecutableFile(atPath: candidate) {
            ping = candidate
            break
        }
    }

    /// What is missing: programs and plugin files. Empty when the lab can run.
    public var missing: [String] {
        var missing: [String] = []
        for program in [charon, swanctl, ip, ping] where !FileManager.default.isExecutableFile(atPath: program) {
            missing.append(program)
        }
        for plugin in Self.requiredPlugins {
            let file = "\(pluginFolder)/libstrongswan-\(plugin).so"
            if !FileManager.default.fileExists(atPath: file) { missing.append(file) }
        }
        return missing
    }

    public static var isRoot: Bool { geteuid() == 0 }

    /// FRR's programs that are missing; empty when BGP can be tested.
    public var missingFRR: [String] {
        [zebra, bgpd, vtysh].filter { !FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Nil when the lab can run here, otherwise the reason it cannot.
    public var unavailableReason: LabError? {
        #if os(Linux)
        if !Self.isRoot { return .notRoot }
        let missing = missing
        return missing.isEmpty ? nil : .strongSwanMissing(missing)
        #else
        return .notLinux
        #endif
    }

    /// Throws the reason the lab cannot run here.
    public func check() throws(LabError) {
        if let reason = unavailableReason { throw reason }
    }
}
