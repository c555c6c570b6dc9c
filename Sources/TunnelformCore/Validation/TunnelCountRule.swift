/// Dual-tunnel mode: exactly two tunnels.
public struct TunnelCountRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections where connection.value.tunnels.count != 2 {
            let count = connection.value.tunnels.count
            diagnostics.append(.error(
                "a connection needs exactly 2 tunnels, found \(count)",
                hint: count < 2 ? "add a second tunnel: dual-tunnel mode needs both for redundancy" : "remove \(count - 2) tunnel(s)",
                in: connection, at: ["tunnels"], address: connection.value.address))
        }
    }
}
