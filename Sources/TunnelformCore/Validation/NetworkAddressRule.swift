/// Each protected CIDR block is a network address (host bits zero) and appears once per side.
public struct NetworkAddressRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections {
            for (field, networks) in [("localNetworks", connection.value.localNetworks), ("remoteNetworks", connection.value.remoteNetworks)] {
                var seen: [IPv4Network: Int] = [:]
                for (index, network) in networks.enumerated() {
                    let path: SourcePath = [.key(field), .index(index)]
                    if !network.isNetworkAddress {
                        diagnostics.append(.error("\(network) in \(field) has host bits set",
                                                  hint: "did you mean \(network.normalized)?", in: connection, at: path, address: connection.value.address))
                    }
                    if let first = seen[network.normalized] {
                        diagnostics.append(.error("\(network) appears twice in \(field) (also entry \(first + 1))",
                                                  hint: "remove the duplicate", in: connection, at: path, address: connection.value.address))
                    } else {
                        seen[network.normalized] = index
                    }
                }
            }
        }
    }
}
