import Foundation
import TunnelformCore

/// The "Changed outside Tunnelform" section shown before a plan: each drifted object with
/// before → after per attribute, tunnel settings under "tunnel 1" / "tunnel 2".
struct DriftView {
    var console: Console

    static let heading = "Changed outside Tunnelform"

    func render(_ drift: [Drift]) -> String {
        guard !drift.isEmpty else { return "" }
        var lines = [console.paint(Self.heading + ":", .bold),
                     "Tunnelform noticed these changes made since the last apply (recorded → now in the cloud):", ""]
        for item in drift {
            var heading = "\(symbol(item.kind)) \(item.address) \(item.object.displayName)"
            if let id = item.cloudId { heading += " \(id)" }
            lines.append(console.paint("  " + heading + ": " + item.summary, .yellow))
            for group in grouped(item.changes) {
                if let tunnel = group.tunnel { lines.append("      tunnel \(tunnel):") }
                let indent = group.tunnel == nil ? "      " : "        "
                let width = group.changes.map(\.name.count).max() ?? 0
                for (name, change) in group.changes.map({ ($0.name, $0.change) }) {
                    lines.append(indent + line(name.padding(toLength: width, withPad: " ", startingAt: 0), change))
                }
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private func symbol(_ kind: Drift.Kind) -> String {
        switch kind {
        case .changed: "~"
        case .deleted: "-"
        case .added: "+"
        }
    }

    /// Connection-level attributes first, then tunnel 1, then tunnel 2, with the `tunnelN.` prefix taken off.
    private func grouped(_ changes: [AttributeChange]) -> [(tunnel: Int?, changes: [(name: String, change: AttributeChange)])] {
        var groups: [(tunnel: Int?, changes: [(name: String, change: AttributeChange)])] = []
        func add(_ tunnel: Int?, _ name: String, _ change: AttributeChange) {
            if let position = groups.firstIndex(where: { $0.tunnel == tunnel }) {
                groups[position].changes.append((name, change))
            } else {
                groups.append((tunnel, [(name, change)]))
            }
        }
        for change in changes {
            if change.name.hasPrefix("tunnel"), let dot = change.name.firstIndex(of: "."),
               let tunnel = Int(change.name[change.name.index(change.name.startIndex, offsetBy: 6)..<dot]) {
                add(tunnel, String(change.name[change.name.index(after: dot)...]), change)
            } else {
                add(nil, change.name, change)
            }
        }
        return groups.sorted { ($0.tunnel ?? 0) < ($1.tunnel ?? 0) }
    }

    private func line(_ name: String, _ change: AttributeChange) -> String {
        func shown(_ value: String?) -> String {
            guard let value else { return "(none)" }
            return change.sensitive || value.hasPrefix("(") ? value : "\"\(value)\""
        }
        return "~ \(name) = \(shown(change.before)) -> \(shown(change.after))"
    }
}
