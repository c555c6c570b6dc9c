import Crypto
import Foundation

/// A local, uncommitted memory of secrets already checked against their slow digests, so that a
/// repeated plan verifies each key with one HMAC instead of 210,000 PBKDF2 rounds.
///
/// The state file keeps only salted PBKDF2 digests (it is committed). This cache lives in
/// `.tunnelform/` (git-ignored), mode 0600, and holds a random cache key and, per digest (identified
/// by algorithm, rounds, salt and hash), `HMAC-SHA256(cacheKey, secret)` of the secret that was found
/// to match it on this machine. A secret is accepted from the cache only when its HMAC equals the
/// recorded one; anything else (no entry, another value, an unreadable or foreign file) falls back
/// to the full derivation. The trade-off: whoever can read this file can test guesses at the
/// keys at HMAC speed rather than PBKDF2 speed — the same machine already holds the keys
/// themselves (key files, environment), so the cache must simply never leave it.
///
/// Thread-safe: verification and digest creation run concurrently in plan and apply.
public final class SecretVerificationCache: @unchecked Sendable {
    public static let defaultPath = ".tunnelform/secret-cache.json"
    static let formatVersion = 1

    public let path: String
    private let key: SymmetricKey
    private let lock = NSLock()
    private var entries: [String: String]
    private var changed: Bool
    /// Pairs this process has already seen match, each checked again (a plan asks up to three
    /// times: the refresh's batch, the refresh, the plan) with one lookup instead of an HMAC.
    /// Only in memory, never written.
    private var confirmed: [SecretDigest: String] = [:]

    private struct File: Codable {
        var formatVersion: Int
        /// Base64 of the 32-byte cache key.
        var key: String
        /// Digest identity → base64 HMAC of the secret that matched it.
        var entries: [String: String]
    }

    private init(path: String, key: SymmetricKey, entries: [String: String], changed: Bool) {
        self.path = path
        self.key = key
        self.entries = entries
        self.changed = changed
    }

    /// The cache at `path`; a fresh, empty one (with a new random key) when the file is missing,
    /// unreadable, corrupt, not owned by this user, or readable by anyone else.
    public static func load(path: String = defaultPath) -> SecretVerificationCache {
        if let file = trustedFile(at: path), file.formatVersion == formatVersion,
           let keyBytes = Data(base64Encoded: file.key), keyBytes.count == 32 {
            return SecretVerificationCache(path: path, key: SymmetricKey(data: keyBytes), entries: file.entries, changed: false)
        }
        return SecretVerificationCache(path: path, key: SymmetricKey(size: .bits256), entries: [:], changed: false)
    }

    private static func trustedFile(at path: String) -> File? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_uid == geteuid(), info.st_mode & 0o077 == 0,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONTapeDecoder().decode(File.self, from: data)
    }

    /// Whether `secret` is the value `digest` was made from: from the cache when it says so,
    /// otherwise by deriving (and remembering a match).
    public func matches(_ digest: SecretDigest, _ secret: String) -> Bool {
        if isConfirmed(digest, secret) { return true }
        if isRemembered(digest, secret) {
            confirm(digest, secret)
            return true
        }
        guard digest.matches(secret) else { return false }
        remember(digest, secret)
        return true
    }

    /// Answers for many pairs at once, on every core: a cache lookup costs an HMAC, a derivation far more.
    public func matches(_ pairs: [(digest: SecretDigest, secret: String)]) -> [Bool] {
        Concurrently.map(pairs.count) { index in self.matches(pairs[index].digest, pairs[index].secret) }
    }

    /// A new slow digest of `secret`, remembered so the next plan verifies it with one HMAC.
    public func digest(of secret: String, iterations: Int = SecretDigest.defaultIterations) throws -> SecretDigest {
        let digest = try SecretDigest(of: secret, iterations: iterations)
        remember(digest, secret)
        return digest
    }

    /// Writes the cache (mode 0600) when anything was added since it was loaded.
    public func save() throws {
        let file: File? = lock.withLock {
            guard changed else { return nil }
            return File(formatVersion: Self.formatVersion, key: key.withUnsafeBytes { Data($0).base64EncodedString() }, entries: entries)
        }
        guard let file else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(file), to: path, permissions: 0o600)
        lock.withLock { changed = false }
    }

    /// Whether the cache holds `secret` as the value of `digest` (no derivation).
    func isRemembered(_ digest: SecretDigest, _ secret: String) -> Bool {
        guard let recorded = lock.withLock({ entries[Self.identity(of: digest)] }) else { return false }
        return recorded == mac(secret)
    }

    private func isConfirmed(_ digest: SecretDigest, _ secret: String) -> Bool {
        lock.withLock { confirmed[digest] == secret }
    }

    private func confirm(_ digest: SecretDigest, _ secret: String) {
        lock.withLock { confirmed[digest] = secret }
    }

    private func remember(_ digest: SecretDigest, _ secret: String) {
        let value = mac(secret)
        lock.withLock {
            confirmed[digest] = secret
            let identity = Self.identity(of: digest)
            guard entries[identity] != value else { return }
            entries[identity] = value
            changed = true
        }
    }

    private func mac(_ secret: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(secret.utf8), using: key)).base64EncodedString()
    }

    static func identity(of digest: SecretDigest) -> String {
        "\(digest.algorithm):\(digest.iterations):\(digest.salt):\(digest.hash)"
    }
}
