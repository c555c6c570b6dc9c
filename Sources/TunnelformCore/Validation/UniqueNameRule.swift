/// Names are unique per kind: two customer gateways, or two connections, may not share one.
public struct UniqueNameRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        report(context.model.customerGateways, name: \.name, address: \.address, into: &diagnostics)
        report(context.model.connections, name: \.name, address: \.address, into: &diagnostics)
    }

    // Functions rather than key paths: `\.name` still reads the same at the call site, and a function is
    // specialized where a key path is looked up at run time for every object.
    private func report<O>(_ objects: [Declared<O>], name: (O) -> String, address: (O) -> ResourceAddress, into diagnostics: inout [Diagnostic]) {
        var first: [String: Declared<O>] = [:]
        first.reserveCapacity(objects.count)
        for object in objects {
            let value = name(object.value)
            if let earlier = first[value] {
                diagnostics.append(.error(
                    "\(address(object.value)) is declared twice (first at \(earlier.location(["name"])))",
                    hint: "rename one of them; names are unique per kind", in: object, at: ["name"], address: address(object.value)))
            } else {
                first[value] = object
            }
        }
    }
}
