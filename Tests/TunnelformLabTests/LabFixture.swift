import Foundation
import Testing
import TunnelformCore
@testable import TunnelformLab

/// Inputs for lab runs, the gate that skips them where the lab cannot run, and the check that a
/// run left nothing behind.
enum LabFixture {
    static let environment = LabEnvironment()
    static let canRun = environment.unavailableReason == nil
    static let skipReason = Comment(rawValue: "the lab cannot run here: \(environment.unavailableReason?.description ?? "")")

    static let manifestsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("manifests").path

    static let gatewayA = CustomerGateway(name: "gw-a", region: "cn-hangzhou", ipAddress: IPv4Address(0xCB00_710A), asn: ASN(65010))
    static let gatewayB = CustomerGateway(name: "gw-b", region: "cn-hangzhou", ipAddress: IPv4Address(0xCB00_710B), asn: ASN(65011))

    static func endpoints(_ name: String) -> [TunnelEndpoint] {
        [
            TunnelEndpoint(index: 1, tunnelId: "tun-\(name)-1", gatewayIp: IPv4Address(0xC612_0001), preSharedKey: "LabKey-1"),
            TunnelEndpoint(index: 2, tunnelId: "tun-\(name)-2", gatewayIp: IPv4Address(0xC612_0002), preSharedKey: #"Lab\Key"2"#),
        ]
    }

    /// One of the example manifests, with fake gateway IPs and keys.
    static func example(_ name: String) throws -> DeviceConfigInput {
        let model = ManifestLoader().load(folder: manifestsFolder).model
        let connection = try #require(model.connections.first { $0.value.name == name }?.value)
        let gateways = Dictionary(model.customerGateways.map { ($0.value.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        return DeviceConfigInput(connection: connection, customerGateways: gateways, tunnels: endpoints(name))
    }

    /// A connection with the given tunnels; protected data flows use two networks per side.
    static func input(_ name: String, _ tunnels: [Tunnel], routing: RoutingMode = .destination,
                      effectImmediately: Bool = true) -> DeviceConfigInput {
        let flows = routing == .protectedDataFlows
        let connection = VpnConnection(
            name: name, region: "cn-hangzhou", bind: .currentAccount(cenId: "cen-0123456789abcdef"), routingMode: routing,
            localNetworks: flows ? [IPv4Network("10.10.0.0/16")!, IPv4Network("10.20.0.0/16")!] : [],
            remoteNetworks: flows ? [IPv4Network("192.168.0.0/24")!, IPv4Network("192.168.64.0/24")!] : [],
            effectImmediately: effectImmediately, tunnels: tunnels)
        return DeviceConfigInput(connection: connection, customerGateways: ["gw-a": gatewayA, "gw-b": gatewayB],
                                 tunnels: endpoints(name))
    }

    /// Namespaces, host links, daemons (strongSwan, FRR) and run folders of this process that a
    /// run left behind.
    static func leftovers(parent: String = RunFolder.defaultParent) async throws -> [String] {
        let prefix = "tfl-\(getpid())-"
        var found: [String] = []
        let namespaces = try await Command.run(environment.ip, ["netns", "list"])
        found += namespaces.stdout.split(separator: "\n").filter { $0.hasPrefix(prefix) }.map { "namespace \($0)" }
        let links = try await Command.run(environment.ip, ["-o", "link", "show"])
        found += links.stdout.split(separator: "\n").filter { $0.contains("tfl-") }.map { "link \($0)" }
        for daemon in ["charon-systemd", "zebra", "bgpd"] {
            let pids = try await Command.run("/usr/bin/pgrep", ["-P", "\(getpid())", "-x", daemon])
            found += pids.stdout.split(separator: "\n").map { "\(daemon) pid \($0)" }
        }
        found += ownFolders(in: parent).filter { !$0.record.finished }.map { "folder \($0.path)" }
        return found
    }

    /// Run folders in `parent` made by this process, with their owner records.
    static func ownFolders(in parent: String) -> [(path: String, record: OwnerRecord)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        return names.compactMap { name in
            let folder = "\(parent)/\(name)"
            guard let text = try? String(contentsOfFile: "\(folder)/owner", encoding: .utf8),
                  let record = OwnerRecord(text: text), record.pid == getpid() else { return nil }
            return (folder, record)
        }
    }

    /// Runs the lab, prints the per-tunnel outcome and timing, and checks that nothing is left.
    static func run(_ label: String, _ input: DeviceConfigInput, peerConfig: String? = nil, lab: Lab? = nil) async throws -> LabReport {
        let started = Date()
        // TUNNELFORM_LAB_KEEP=1 keeps each run's configurations and daemon logs for inspection.
        let keep = ProcessInfo.processInfo.environment["TUNNELFORM_LAB_KEEP"] == "1"
        var lab = lab ?? Lab(environment: environment)
        lab.keepFiles = lab.keepFiles || keep
        let report = try await lab.run(input, peerConfig: peerConfig)
        let total = Date().timeIntervalSince(started)
        let tunnels = report.tunnels.map { String(format: "tunnel %d %.2fs: %@", $0.index, $0.seconds, $0.status) }
        print(String(format: "lab %@ (%.2fs): ", label, total) + tunnels.joined(separator: " | "))
        #expect(try await leftovers(parent: lab.workFolder) == [])
        return report
    }
}
