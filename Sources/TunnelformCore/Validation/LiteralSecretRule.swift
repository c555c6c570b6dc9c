/// Warns about a secret written into a manifest: manifests are committed, secrets should not be.
public struct LiteralSecretRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        let hint = "use {env: NAME} or {file: path} so the key stays out of version control"
        for gateway in context.model.customerGateways {
            guard case .literal? = gateway.value.bgpAuthKey else { continue }
            diagnostics.append(.warning("bgpAuthKey is written in the manifest", hint: hint, in: gateway, at: ["bgpAuthKey"], address: gateway.value.address))
        }
        for connection in context.model.connections {
            for (index, tunnel) in connection.value.tunnels.enumerated() {
                guard case .literal? = tunnel.preSharedKey else { continue }
                diagnostics.append(.warning("tunnel \(index + 1) preSharedKey is written in the manifest", hint: hint, in: connection,
                                            at: ["tunnels", .index(index), "preSharedKey"], address: connection.value.address))
            }
        }
    }
}
