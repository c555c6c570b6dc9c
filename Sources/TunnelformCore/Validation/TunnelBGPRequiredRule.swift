/// With `bgp.enabled`, every tunnel has a `bgp` block; without it, tunnel `bgp` blocks are ignored (warning).
public struct TunnelBGPRequiredRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections {
            for (index, tunnel) in connection.value.tunnels.enumerated() {
                // A block that was written but did not read has its own error already.
                let written = connection.node.node(at: ["tunnels", .index(index), "bgp"]) != nil
                if connection.value.bgp.enabled && tunnel.bgp == nil && !written {
                    diagnostics.append(.error("tunnel \(index + 1) has no bgp block, but bgp.enabled is true",
                                              hint: "add bgp: {tunnelCidr: 169.254.x.y/30, localIp: …} to the tunnel",
                                              in: connection, at: ["tunnels", .index(index)], address: connection.value.address))
                } else if !connection.value.bgp.enabled && tunnel.bgp != nil {
                    diagnostics.append(.warning("tunnel \(index + 1) has a bgp block, but bgp.enabled is false, so it is not applied",
                                                hint: "set bgp: {enabled: true} on the connection, or remove the block",
                                                in: connection, at: ["tunnels", .index(index), "bgp"], address: connection.value.address))
                }
            }
        }
    }
}
