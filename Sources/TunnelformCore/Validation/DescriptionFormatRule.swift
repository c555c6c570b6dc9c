/// A customer gateway's description is 1–100 characters and does not start with a URL scheme.
public struct DescriptionFormatRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for gateway in context.model.customerGateways {
            guard let description = gateway.value.description, let problem = ConsoleText.problem(with: description) else { continue }
            diagnostics.append(.error("description \(problem)", hint: "shorten it, or remove the URL scheme",
                                      in: gateway, at: ["description"], address: gateway.value.address))
        }
    }
}
