import TunnelformLab

/// The lab's report as lines: per tunnel the console's Phase 2 wording or the diagnosis, then
/// what happened to traffic; a closing verdict.
struct LabView {
    var console: Console

    func render(_ report: LabReport) -> String {
        var lines: [String] = []
        for tunnel in report.tunnels {
            let status = console.paint(tunnel.status, tunnel.passed ? .green : .red)
            lines.append("Tunnel \(tunnel.index) (\(tunnel.tunnelId)): \(status)")
            lines.append("  Traffic: \(traffic(tunnel)) [\(String(format: "%.1f", tunnel.seconds))s]")
        }
        let failed = report.tunnels.filter { !$0.passed }.map { "\($0.index)" }
        if report.passed {
            lines.append(console.paint("Lab passed:", .green)
                + " every tunnel of \(report.connection) negotiated, carried traffic and rekeyed.")
        } else if report.tunnels.isEmpty {
            lines.append(console.paint("Lab failed:", .red) + " no tunnel was tested.")
        } else {
            let which = failed.count == 1 ? "tunnel \(failed[0]) did" : "tunnels \(failed.joined(separator: " and ")) did"
            lines.append(console.paint("Lab failed:", .red) + " \(which) not pass.")
        }
        return lines.joined(separator: "\n")
    }

    private func traffic(_ tunnel: TunnelLabResult) -> String {
        switch (tunnel.phase2Established, tunnel.trafficPassed, tunnel.rekeyed) {
        case (false, _, _): "not tested (no IPsec SA)"
        case (true, false, _): "did not pass through the tunnel"
        case (true, true, true): "passed through the tunnel, before and after a rekey of the IPsec SA"
        case (true, true, false): "passed through the tunnel; the rekey of the IPsec SA failed"
        }
    }
}
