/// Randomness for nonces and backoff jitter; injected so tests are repeatable.
public protocol RandomSource: Sendable {
    func nextUInt64() -> UInt64
}

extension RandomSource {
    /// A value in [0, 1).
    public func unitInterval() -> Double { Double(nextUInt64() >> 11) / Double(1 << 53) }

    /// 32 lowercase hex characters, as the official SDK sends in `x-acs-signature-nonce`.
    public func nonce() -> String {
        RequestSigner.hex(withUnsafeBytes(of: nextUInt64().bigEndian, Array.init) + withUnsafeBytes(of: nextUInt64().bigEndian, Array.init))
    }
}
