/// A source of randomness for ids, generated keys and addresses; tests inject a seeded one.
public protocol SimulatedRandom: Sendable {
    /// The next 64 uniformly distributed bits.
    mutating func next() -> UInt64
}

extension SimulatedRandom {
    /// A value uniform in `0..<bound`, without modulo bias; 0 when `bound` is 0.
    mutating func uniform(below bound: UInt64) -> UInt64 {
        guard bound > 0 else { return 0 }
        let limit = (UInt64.max / bound) * bound
        while true {
            let value = next()
            if value < limit { return value % bound }
        }
    }

    /// `length` characters drawn uniformly from `alphabet`.
    mutating func string(length: Int, from alphabet: [Character]) -> String {
        var text = ""
        for _ in 0..<length {
            text.append(alphabet[Int(uniform(below: UInt64(alphabet.count)))])
        }
        return text
    }
}

/// The system's secure generator, for the CLI and the emulator.
public struct SimulatedSystemRandom: SimulatedRandom {
    public init() {}

    public mutating func next() -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }
}

/// A deterministic SplitMix64 generator, for tests.
public struct SimulatedSeededRandom: SimulatedRandom {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
