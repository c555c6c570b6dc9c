/// Where a secret (pre-shared key, BGP auth key) comes from. Never the resolved value,
/// except for `literal`, which is accepted with a warning and never written anywhere.
public enum SecretReference: Hashable, Sendable, Codable, CustomStringConvertible {
    /// An environment variable.
    case env(String)
    /// A file; `path` as written in the manifest, `base` the manifest's folder it is relative to.
    case file(path: String, base: String)
    /// The value written in the manifest itself.
    case literal(String)

    /// How the reference is named in messages and plans. A literal is never printed.
    public var description: String {
        switch self {
        case .env(let name): "{env: \(name)}"
        case .file(let path, _): "{file: \(path)}"
        case .literal: "(literal value)"
        }
    }

    private enum CodingKeys: String, CodingKey { case env, file, base, literal }

    /// Encodes the reference without the value: a literal is encoded as a marker only.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .env(let name): try container.encode(name, forKey: .env)
        case .file(let path, let base):
            try container.encode(path, forKey: .file)
            try container.encode(base, forKey: .base)
        case .literal: try container.encode(true, forKey: .literal)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let name = try container.decodeIfPresent(String.self, forKey: .env) {
            self = .env(name)
        } else if let path = try container.decodeIfPresent(String.self, forKey: .file) {
            self = .file(path: path, base: try container.decode(String.self, forKey: .base))
        } else {
            // The value of a literal is never encoded; it must be read from the manifests again.
            self = .literal("")
        }
    }
}
