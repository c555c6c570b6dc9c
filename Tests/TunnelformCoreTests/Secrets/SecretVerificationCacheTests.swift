import Foundation
import Testing
@testable import TunnelformCore

/// The local cache that spares repeated plans the slow digest: it must never accept another
/// value, must stay private, and must be ignored when it cannot be trusted.
@Suite("secret verification cache")
struct SecretVerificationCacheTests {
    static let iterations = 1_000

    private func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tf-cache-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func rememberedSecretIsAcceptedAfterReload() throws {
        let path = try folder() + "/.tunnelform/secret-cache.json"
        let cache = SecretVerificationCache.load(path: path)
        let digest = try cache.digest(of: "right-key", iterations: Self.iterations)
        try cache.save()
        let reloaded = SecretVerificationCache.load(path: path)
        #expect(reloaded.isRemembered(digest, "right-key"))
        #expect(reloaded.matches(digest, "right-key"))
    }

    @Test func wrongSecretIsNotAcceptedFromTheCache() throws {
        let cache = SecretVerificationCache.load(path: try folder() + "/cache.json")
        let digest = try cache.digest(of: "right-key", iterations: Self.iterations)
        #expect(!cache.isRemembered(digest, "wrong-key"))
        #expect(!cache.matches(digest, "wrong-key"))
        #expect(cache.matches([(digest, "wrong-key"), (digest, "right-key")]) == [false, true])
        // A different digest of the same secret is a different entry.
        let other = try SecretDigest(of: "right-key", iterations: Self.iterations)
        #expect(!cache.isRemembered(other, "right-key"))
    }

    @Test func derivedMatchesAreRemembered() throws {
        let cache = SecretVerificationCache.load(path: try folder() + "/cache.json")
        let digests = try (0..<4).map { try SecretDigest(of: "key-\($0)", iterations: Self.iterations) }
        let answers = cache.matches(digests.enumerated().map { ($1, $0 == 2 ? "changed" : "key-\($0)") })
        #expect(answers == [true, true, false, true])
        #expect(cache.isRemembered(digests[0], "key-0"))
        #expect(!cache.isRemembered(digests[2], "key-2"))
    }

    @Test func cacheFileIsReadableByItsOwnerOnly() throws {
        let path = try folder() + "/.tunnelform/secret-cache.json"
        let cache = SecretVerificationCache.load(path: path)
        _ = try cache.digest(of: "right-key", iterations: Self.iterations)
        try cache.save()
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)
        #expect(mode.intValue & 0o777 == 0o600)
    }

    @Test func cacheReadableByOthersIsIgnored() throws {
        let path = try folder() + "/cache.json"
        let cache = SecretVerificationCache.load(path: path)
        let digest = try cache.digest(of: "right-key", iterations: Self.iterations)
        try cache.save()
        chmod(path, 0o644)
        #expect(!SecretVerificationCache.load(path: path).isRemembered(digest, "right-key"))
    }

    @Test(arguments: ["not json", "{\"formatVersion\": 1, \"key\": \"c2hvcnQ=\", \"entries\": {}}", "{\"formatVersion\": 99}", ""])
    func corruptCacheIsIgnoredAndReplaced(content: String) throws {
        let path = try folder() + "/cache.json"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(content.utf8), attributes: [.posixPermissions: 0o600]))
        let cache = SecretVerificationCache.load(path: path)
        let digest = try SecretDigest(of: "right-key", iterations: Self.iterations)
        #expect(cache.matches(digest, "right-key"))
        #expect(!cache.matches(digest, "wrong-key"))
        try cache.save()
        #expect(SecretVerificationCache.load(path: path).isRemembered(digest, "right-key"))
    }

    @Test func verdictsFollowTheStateDigests() throws {
        let cache = SecretVerificationCache.load(path: try folder() + "/cache.json")
        let slot = SecretSlot.bgpAuthKey(gateway: "gw")
        let digest = try SecretDigest(of: "recorded", iterations: Self.iterations)
        var state = State()
        state[slot.address] = ResourceState(region: "cn-hangzhou")
        state[slot.address]?.customerGateway = CustomerGatewayRecord(id: "cgw-1", applied: PlannerFixture.gateway("gw"), authKeyDigest: digest)
        let same = SecretVerdicts(secrets: ResolvedSecrets([slot: "recorded"]), state: state, cache: cache)
        #expect(same.matches(slot, digest: digest, value: "recorded"))
        let changed = SecretVerdicts(secrets: ResolvedSecrets([slot: "changed"]), state: state, cache: cache)
        #expect(!changed.matches(slot, digest: digest, value: "changed"))
    }
}
