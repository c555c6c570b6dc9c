/// Names are unique per kind: two customer gateways, or two connections, may not share one.
public struct UniqueNameRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        report(context.model.customerGateways, name: \.name, address: \.address, into: &diagnostics)
        report(context.model.connections, name: \.name, address: \.address, into: &diagnostics)
    }

    private func report<O>(_ objects: [Declared<O>], name: KeyPath<O, String>, address: KeyPath<O, ResourceAddress>, into diagnostics: inout [Diagnostic]) {
        var first: [String: Declared<O>] = [:]
        for object in objects {
            let value = object.value[keyPath: name]
            if let earlier = first[value] {
                diagnostics.append(.error(
                    "\(object.value[keyPath: address]) is declared twice (first at \(earlier.location(["name"])))",
                    hint: "rename one of them; names are unique per kind", in: object, at: ["name"], address: object.value[keyPath: address]))
            } else {
                first[value] = object
            }
        }
    }
}
