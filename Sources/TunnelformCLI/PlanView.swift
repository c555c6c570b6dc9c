import TunnelformCore

/// The human rendering of a plan, with Terraform's symbols.
struct PlanView {
    var console: Console
    /// A destroy plan: an empty one has nothing to destroy.
    var destroying = false

    func render(_ plan: Plan) -> String {
        let drift = DriftView(console: console).render(plan.drift)
        let body = moves(plan) + (plan.refreshOnly ? refreshOnly(plan) : operations(plan))
        return drift.isEmpty ? body : drift + "\n" + body
    }

    /// `# VpnConnection/a has moved to VpnConnection/b`, as Terraform words a `moved` block.
    private func moves(_ plan: Plan) -> String {
        guard !plan.moves.isEmpty else { return "" }
        return plan.moves.map { "  " + console.paint("# \($0.from) has moved to \($0.to)", .dim) + "\n" }.joined() + "\n"
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

    /// Written into one growing string rather than joined from lines: a plan of 10,000 connections
    /// is half a million lines.
    private func operations(_ plan: Plan) -> String {
        guard !plan.isEmpty else {
            let warnings = plan.warnings.map { console.paint("Warning: ", .yellow) + $0 + "\n" }.joined()
            let moved = plan.moves.isEmpty ? "" : " Applying writes the moves into the state."
            return warnings + (destroying ? "Nothing to destroy." : "No changes. The cloud matches the manifests." + moved)
        }
        var text = "Tunnelform will perform the following operations, in this order:\n\n"
        var positions: [String: Int] = [:]
        for (index, id) in plan.operations.lazy.map(\.id).enumerated() where positions[id] == nil { positions[id] = index + 1 }
        for index in plan.operations.indices {
            write(plan.operations[index], number: index + 1, positions: positions, into: &text)
        }
        for warning in plan.warnings { text += console.paint("Warning: ", .yellow) + warning + "\n" }
        if !plan.onPremises.isEmpty {
            text += console.paint("On-premises changes needed after apply:", .bold)
            if plan.onPremises.count == 1 {
                text += " \(plan.onPremises[0])\n"
            } else {
                text += "\n"
                for change in plan.onPremises { text += "  \(change)\n" }
            }
            text += "\n"
        }
        let s = plan.summary
        text += console.paint("Plan:", .bold) + " \(s.create) to create, \(s.modify) to modify, \(s.grant) to grant, \(s.delete) to delete."
        return text
    }

    /// One operation: the comment, the heading, what it waits for, its changes, and a blank line.
    private func write(_ operation: PlanOperation, number: Int, positions: [String: Int], into text: inout String) {
        text += "  "
        text += console.paint("# \(number). \(operation.address) \(operation.object.displayName): \(operation.reason)", .dim)
        text += "\n"
        var heading = "\(pad(operation.action.symbol)) \(verb(operation)) \(operation.object.displayName)"
        if let id = operation.cloudId { heading += " \(id)" }
        text += paint(heading, operation.action)
        text += "\n"
        for note in operation.notes {
            text += "      "
            text += console.paint("# \(note)", .yellow)
            text += "\n"
        }
        if !operation.deviceChanges.isEmpty {
            text += "      "
            text += console.paint("# on-premises: " + operation.deviceChanges.map(\.description).joined(separator: ", "), .yellow)
            text += "\n"
        }
        if !operation.waitsFor.isEmpty {
            let after = operation.waitsFor.compactMap { positions[$0] }.sorted().map { "#\($0)" }.joined(separator: ", ")
            text += "      (after \(after))\n"
        }
        let width = operation.changes.reduce(0) { max($0, Self.length($1.name)) }
        for change in operation.changes {
            text += "      "
            write(change, width: width, into: &text)
            text += "\n"
        }
        text += "\n"
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

    /// `+ name = "after"`, `- name = "before"` or `~ name = "before" -> "after"`, the name padded to
    /// `width` (the longest of the operation's names).
    private func write(_ change: AttributeChange, width: Int, into text: inout String) {
        func name(_ symbol: String) {
            text += symbol
            text += change.name
            text += Self.spaces(width - Self.length(change.name))
        }
        func value(_ value: String) {
            if change.sensitive || value.hasPrefix("(") {
                text += value
            } else {
                text += "\""
                text += value
                text += "\""
            }
        }
        switch (change.before, change.after) {
        case (nil, let after?): name("+ "); text += " = "; value(after)
        case (let before?, nil): name("- "); text += " = "; value(before)
        case (let before?, let after?): name("~ "); text += " = "; value(before); text += " -> "; value(after)
        case (nil, nil): name("~ ")
        }
        if change.forcesReplacement { text += console.paint(" # forces replacement", .red) }
    }

    /// A name's length in characters. The usual ASCII names (without `\r`, which pairs with `\n`)
    /// have one character per byte, so their clusters need not be walked.
    private static func length(_ name: String) -> Int {
        name.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? name.utf8.count : name.count
    }

    /// Padding made natively and, for the usual widths, once: Foundation's `padding(toLength:)`
    /// bridges through NSString, which dominated rendering plans of thousands of operations.
    private static func spaces(_ count: Int) -> String {
        padding.indices.contains(count) ? padding[count] : String(repeating: " ", count: max(0, count))
    }

    private static let padding = (0..<64).map { String(repeating: " ", count: $0) }
}
