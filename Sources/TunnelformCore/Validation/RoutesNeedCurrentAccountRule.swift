/// `routes` settings exist only for a current-account binding: nothing is attached at creation otherwise.
public struct RoutesNeedCurrentAccountRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections where !connection.value.bind.isCurrentAccount {
            guard connection.node.node(at: ["routes"]) != nil else { continue }
            diagnostics.append(.error("routes apply only to a currentAccount binding",
                                      hint: "remove routes: a cross-account connection is attached by the CEN owner, who sets its routes",
                                      in: connection, at: ["routes"], address: connection.value.address))
        }
    }
}
