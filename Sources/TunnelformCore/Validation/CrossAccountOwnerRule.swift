/// A cross-account binding names the CEN owner by its numeric account id.
public struct CrossAccountOwnerRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections {
            guard case .crossAccount(_, let owner, _) = connection.value.bind,
                  owner.isEmpty || !owner.utf8.allSatisfy({ (48...57).contains($0) }) || owner.count > 20 else { continue }
            diagnostics.append(.error("cenOwnerUid '\(owner)' is not an Alibaba Cloud account id",
                                      hint: "use the numeric account id (UID) of the account that owns the CEN instance",
                                      in: connection, at: ["bind", "crossAccount", "cenOwnerUid"], address: connection.value.address))
        }
    }
}
