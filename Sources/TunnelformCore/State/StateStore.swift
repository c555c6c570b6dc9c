import Foundation

/// Reads and writes the state file. A missing file is a new, empty state; a corrupt or foreign
/// one is an error that changes nothing.
public struct StateStore: Sendable {
    public var path: String

    public init(path: String = "tunnelform.state.json") { self.path = path }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case corrupt(path: String, reason: String)
        case unsupportedVersion(path: String, version: Int)
        case unreadable(path: String, reason: String)

        public var description: String {
            switch self {
            case .corrupt(let path, let reason):
                "\(path) is not a valid Tunnelform state file (\(reason)); nothing was changed. Restore it from version control"
            case .unsupportedVersion(let path, let version):
                "\(path) has formatVersion \(version), but this tunnelform reads version \(State.currentFormatVersion); nothing was changed. Use a matching tunnelform"
            case .unreadable(let path, let reason):
                "\(path) cannot be read (\(reason)); nothing was changed. Check its permissions"
            }
        }
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    public func read() throws -> State {
        guard let data = try bytes() else { return State() }
        return try Self.decode(data, path: path)
    }

    /// The file's bytes as they are, nil when there is no file yet.
    public func bytes() throws -> Data? {
        guard exists else { return nil }
        do {
            // Mapped, not copied: the file is replaced by renaming, never rewritten in place.
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw Failure.unreadable(path: path, reason: (error as NSError).localizedFailureReason ?? error.localizedDescription)
        }
    }

    /// Decodes a state stored as `data`; `path` names it in errors.
    public static func decode(_ data: Data, path: String) throws -> State {
        // One pass in the usual case; the header is looked at separately only to explain a failure
        // (a large state made the second full parse a visible part of every plan).
        let decodingError: any Error
        do {
            let state = try CanonicalJSON.decode(State.self, from: data)
            guard state.formatVersion == State.currentFormatVersion else {
                throw Failure.unsupportedVersion(path: path, version: state.formatVersion)
            }
            return state
        } catch let failure as Failure {
            throw failure
        } catch {
            decodingError = error
        }
        struct Header: Decodable { var formatVersion: Int? }
        let header: Header
        do {
            header = try CanonicalJSON.decode(Header.self, from: data)
        } catch {
            throw Failure.corrupt(path: path, reason: "not JSON")
        }
        guard let version = header.formatVersion else { throw Failure.corrupt(path: path, reason: "no formatVersion") }
        guard version == State.currentFormatVersion else { throw Failure.unsupportedVersion(path: path, version: version) }
        throw Failure.corrupt(path: path, reason: describe(decodingError))
    }

    /// Writes `state` atomically in canonical form.
    public func write(_ state: State) throws {
        try AtomicFile.write(try CanonicalJSON.encode(state), to: path)
    }

    /// Writes `encoded`'s bytes atomically, as they are.
    public func write(_ encoded: EncodedState) throws {
        try AtomicFile.write(encoded.bytes, to: path)
    }

    private static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .keyNotFound(let key, let context): return "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "bad value at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
