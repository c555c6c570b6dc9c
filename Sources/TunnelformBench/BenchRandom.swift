/// A small deterministic generator (SplitMix64), so that a given size always produces the same
/// project and figures measured on different days compare.
struct BenchRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// `length` characters drawn from `alphabet`.
    mutating func string(length: Int, from alphabet: [Character]) -> String {
        String((0..<length).map { _ in alphabet[below(alphabet.count)] })
    }
}
