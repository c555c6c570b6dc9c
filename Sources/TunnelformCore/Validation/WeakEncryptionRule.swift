/// Warns about DES and 3DES, which the cloud accepts but does not recommend.
public struct WeakEncryptionRule: ValidationRule {
    public init() {}

    public func check(_ context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for connection in context.model.connections {
            for (index, tunnel) in connection.value.tunnels.enumerated() {
                for (section, algorithm) in [("ike", tunnel.ike.encryption), ("ipsec", tunnel.ipsec.encryption)] where algorithm.isWeak {
                    diagnostics.append(.warning("tunnel \(index + 1) uses \(algorithm.rawValue) for \(section) encryption, which is weak",
                                                hint: "use aes, aes192 or aes256", in: connection,
                                                at: ["tunnels", .index(index), .key(section), "encryption"], address: connection.value.address))
                }
            }
        }
    }
}
