import Crypto
import _CryptoExtras
import Foundation

/// A salted, slow digest of a secret: enough to notice that a key changed, useless for
/// recovering it. PBKDF2-HMAC-SHA256 with a per-secret random salt.
public struct SecretDigest: Hashable, Sendable, Codable {
    public static let algorithmName = "pbkdf2-sha256"
    public static let defaultIterations = 210_000

    public var algorithm: String
    public var iterations: Int
    /// Base64.
    public var salt: String
    /// Base64.
    public var hash: String

    /// Digests `secret` with a fresh random salt.
    public init(of secret: String, iterations: Int = SecretDigest.defaultIterations) throws {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        try self.init(of: secret, salt: salt, iterations: iterations)
    }

    /// Digests `secret` with a given salt (for tests and for comparing against a stored digest).
    public init(of secret: String, salt: [UInt8], iterations: Int) throws {
        self.algorithm = Self.algorithmName
        self.iterations = iterations
        self.salt = Data(salt).base64EncodedString()
        self.hash = try Self.derive(secret, salt: salt, iterations: iterations)
    }

    /// True when `secret` is the value this digest was made from.
    public func matches(_ secret: String) -> Bool {
        guard algorithm == Self.algorithmName, let salt = Data(base64Encoded: salt),
              let derived = try? Self.derive(secret, salt: [UInt8](salt), iterations: iterations) else { return false }
        return derived == hash
    }

    private static func derive(_ secret: String, salt: [UInt8], iterations: Int) throws -> String {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(secret.utf8), salt: salt, using: .sha256, outputByteCount: 32, unsafeUncheckedRounds: iterations)
        return key.withUnsafeBytes { Data($0).base64EncodedString() }
    }
}
