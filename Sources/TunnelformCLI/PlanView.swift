import TunnelformCore

/// The human rendering of a plan, with Terraform's symbols.
struct PlanView {
    var console: Console

    func render(_ plan: Plan) -> String {
        let drift = DriftView(console: console).render(plan.drift)
        let body = plan.refreshOnly ? refreshOnly(plan) : operations(plan)
        return drift.isEmpty ? body : drift + "\n" + body
    }

    private func refreshOnly(_ plan: Plan) -> String {
        var lines = plan.warnings.map { console.paint("Warning: ", .yellow) + $0 }
        if plan.drift.isEmpty {
            lines.append("No changes outside Tunnelform. The state matches the cloud.")
        } else {
            lines.append("This is a refresh-only plan: no cloud object will change. `tunnelform apply --refresh-only` would update the state "
                         + "to what the cloud has now (\(plan.drift.count) change(s) outside Tunnelform).")
        }
        return lines.joined(separator: "\n")
    }

    private func operations(_ plan: Plan) -> String {
        guard !plan.isEmpty else {
            let warnings = plan.warnings.map { console.paint("Warning: ", .yellow) + $0 + "\n" }.joined()
            return warnings + "No changes. The cloud matches the manifests."
        }
        var lines = ["Tunnelform will perform the following operations, in this order:", ""]
        let positions = Dictionary(plan.operations.enumerated().map { ($1.id, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        for (index, operation) in plan.operations.enumerated() {
            lines.append("  " + console.paint("# \(index + 1). \(operation.address) \(operation.object.displayName): \(operation.reason)", .dim))
            var heading = "\(pad(operation.action.symbol)) \(verb(operation)) \(operation.object.displayName)"
            if let id = operation.cloudId { heading += " \(id)" }
            lines.append(paint(heading, operation.action))
            if !operation.waitsFor.isEmpty {
                let after = operation.waitsFor.compactMap { positions[$0] }.sorted().map { "#\($0)" }.joined(separator: ", ")
                lines.append("      (after \(after))")
            }
            let width = operation.changes.map(\.name.count).max() ?? 0
            for change in operation.changes { lines.append("      " + line(change, width: width)) }
            lines.append("")
        }
        for warning in plan.warnings { lines.append(console.paint("Warning: ", .yellow) + warning) }
        let s = plan.summary
        lines.append(console.paint("Plan:", .bold) + " \(s.create) to create, \(s.modify) to modify, \(s.grant) to grant, \(s.delete) to delete.")
        return lines.joined(separator: "\n")
    }

    private func pad(_ symbol: String) -> String { String(repeating: " ", count: max(0, 3 - symbol.count)) + symbol }

    /// Route-table links are enabled and disabled rather than created and deleted.
    private func verb(_ operation: PlanOperation) -> String {
        let isLink = operation.object == .routeTableAssociation || operation.object == .routeTablePropagation
        switch operation.action {
        case .create where isLink: return "enable"
        case .delete where isLink: return "disable"
        default: return operation.action.words.base
        }
    }

    private func paint(_ text: String, _ action: PlanAction) -> String {
        switch action {
        case .create, .grant: console.paint(text, .green)
        case .modify: console.paint(text, .yellow)
        case .delete, .revoke, .replace: console.paint(text, .red)
        }
    }

    private func line(_ change: AttributeChange, width: Int) -> String {
        // Padded natively: Foundation's `padding(toLength:)` bridges through NSString, which
        // dominated rendering plans of thousands of operations.
        let name = change.name.count >= width ? String(change.name.prefix(width))
            : change.name + String(repeating: " ", count: width - change.name.count)
        let text: String
        switch (change.before, change.after) {
        case (nil, let after?): text = "+ \(name) = \(quote(after, change))"
        case (let before?, nil): text = "- \(name) = \(quote(before, change))"
        case (let before?, let after?): text = "~ \(name) = \(quote(before, change)) -> \(quote(after, change))"
        case (nil, nil): text = "~ \(name)"
        }
        return change.forcesReplacement ? text + console.paint(" # forces replacement", .red) : text
    }

    private func quote(_ value: String, _ change: AttributeChange) -> String {
        change.sensitive || value.hasPrefix("(") ? value : "\"\(value)\""
    }
}
