import Foundation

/// A state together with the exact bytes it is stored as: what a backend writes, keeps in its
/// history and gives back to `state pull`, byte for byte.
public struct EncodedState: Sendable, Equatable {
    public let state: State
    public let bytes: Data

    /// `state` in canonical form, as every write of Tunnelform's own stores it.
    public init(_ state: State) throws {
        self.state = state
        bytes = try CanonicalJSON.encode(state)
    }

    /// Bytes written elsewhere (`state push FILE`), kept as they are; `source` names them in errors.
    public init(bytes: Data, source: String) throws {
        state = try StateStore.decode(bytes, path: source)
        self.bytes = bytes
    }
}
