import Foundation
import TunnelformCore

/// The plan's operations and their order as Graphviz DOT.
enum GraphView {
    static func dot(_ plan: Plan) -> String {
        var lines = ["digraph tunnelform {", "  rankdir = LR;", "  node [shape = box];"]
        for operation in plan.operations {
            let label = "\(operation.action.symbol) \(operation.address)\\n\(operation.object.displayName)"
            lines.append("  \(quote(operation.id)) [label = \(quote(label))];")
        }
        for operation in plan.operations {
            for dependency in operation.waitsFor { lines.append("  \(quote(dependency)) -> \(quote(operation.id));") }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    private static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
