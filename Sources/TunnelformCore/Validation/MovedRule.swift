/// A `Moved` document renames a record the manifests declare under its new address: `from` and `to`
/// are of one kind, `to` is declared and `from` is not (both declared would be two objects), and no two
/// documents move from, or to, the same address.
public struct MovedRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        let moves = context.model.moves
        guard !moves.isEmpty else { return }
        var declared = Set<ResourceAddress>()
        for gateway in context.model.customerGateways { declared.insert(gateway.value.address) }
        for connection in context.model.connections { declared.insert(connection.value.address) }
        declared.formUnion(context.invalidAddresses)
        var froms: [ResourceAddress: Declared<StateMove>] = [:]
        var tos: [ResourceAddress: Declared<StateMove>] = [:]
        for move in moves {
            let (from, to) = (move.value.from, move.value.to)
            if from.kind != to.kind {
                diagnostics.append(.error("a Moved document cannot move \(from) to \(to): the kinds differ",
                                          hint: "a \(from.kind.rawValue) moves to another \(from.kind.rawValue) address", in: move, at: ["to"], address: to))
                continue
            }
            if from == to {
                diagnostics.append(.error("a Moved document moves \(from) to itself", hint: "remove the document", in: move, at: ["to"], address: to))
                continue
            }
            if !declared.contains(to) {
                let hint = Suggestion.hint(for: to.description, in: declared.map(\.description)) ?? "declare \(to) in the manifests, or remove the document"
                diagnostics.append(.error("\(to), where a Moved document moves \(from), is not declared in the manifests", hint: hint,
                                          in: move, at: ["to"], address: to))
            }
            if declared.contains(from) {
                diagnostics.append(.error("\(from) is still declared, so it cannot move to \(to)",
                                          hint: "rename the declaration to \(to.name) (the Moved document then carries its state along)",
                                          in: move, at: ["from"], address: from))
            }
            if let earlier = froms[from] {
                diagnostics.append(.error("\(from) is moved twice (first at \(earlier.location(["from"])))", hint: "keep one Moved document per address",
                                          in: move, at: ["from"], address: from))
            }
            if let earlier = tos[to] {
                diagnostics.append(.error("two Moved documents move to \(to) (first at \(earlier.location(["to"])))", hint: "keep one Moved document per address",
                                          in: move, at: ["to"], address: to))
            }
            froms[from] = froms[from] ?? move
            tos[to] = tos[to] ?? move
        }
    }
}
