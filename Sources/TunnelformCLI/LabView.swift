import Foundation
import TunnelformLab

/// The lab's report as lines: per tunnel the console's Phase 2 wording or the diagnosis, who
/// initiated, BGP when enabled, then what happened to traffic; a closing verdict that claims
/// only what was shown.
struct LabView {
    var console: Console

    func render(_ report: LabReport) -> String {
        var lines: [String] = []
        for tunnel in report.tunnels {
            let status = console.paint(tunnel.status, tunnel.passed ? .green : .red)
            let started = tunnel.phase2Established ? tunnel.initiator.map { " (\($0.rawValue) side initiated)" } ?? "" : ""
            lines.append("Tunnel \(tunnel.index) (\(tunnel.tunnelId)): \(status)\(started)")
            if let bgp = tunnel.bgp, bgp.established {
                let count = bgp.prefixesReceived == 1 ? "1 prefix" : "\(bgp.prefixesReceived) prefixes"
                lines.append("  BGP session established, \(count) received")
            }
            lines.append("  Traffic: \(traffic(tunnel)) [\(String(format: "%.1f", tunnel.seconds))s]")
        }
        let failed = report.tunnels.filter { !$0.passed }.map { "\($0.index)" }
        if report.passed {
            let bgp = report.tunnels.allSatisfy { $0.bgp?.established == true }
            lines.append(console.paint("Lab passed:", .green) + " every tunnel of \(report.connection) negotiated, "
                + (bgp ? "established BGP, carried traffic to a prefix learned over BGP" : "carried traffic")
                + " and rekeyed.")
        } else if report.tunnels.isEmpty {
            lines.append(console.paint("Lab failed:", .red) + " no tunnel was tested.")
        } else {
            let which = failed.count == 1 ? "tunnel \(failed[0]) did" : "tunnels \(failed.joined(separator: " and ")) did"
            lines.append(console.paint("Lab failed:", .red) + " \(which) not pass.")
        }
        return lines.joined(separator: "\n")
    }

    private func traffic(_ tunnel: TunnelLabResult) -> String {
        let hosts = tunnel.testedHosts.isEmpty ? "" : " (\(tunnel.testedHosts.joined(separator: ", ")))"
        return switch (tunnel.phase2Established, tunnel.trafficPassed, tunnel.rekeyed) {
        case (false, _, _): "not tested (no IPsec SA)"
        case (true, false, _) where tunnel.bgp != nil && tunnel.bgp?.learnedPrefix == nil:
            "not tested (no route learned over BGP)"
        case (true, false, _): "did not pass through the tunnel\(hosts)"
        case (true, true, true): "passed through the tunnel\(hosts), before and after a rekey of the IPsec SA"
        case (true, true, false): "passed through the tunnel\(hosts); the rekey of the IPsec SA failed"
        }
    }
}
