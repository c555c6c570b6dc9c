import Foundation
import Testing
@testable import TunnelformLab

/// The diagnosis from recorded strongSwan 5.9 logs (Fixtures/, trimmed): cloud side
/// 198.18.0.1 with id 198.18.0.1, customer side 203.0.113.10, defaults aes128-sha1-modp1024.
@Suite struct LabLogDiagnoserTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func diagnoser(_ name: String) throws -> LabLogDiagnoser {
        let text = try String(contentsOf: folder.appendingPathComponent("\(name).log"), encoding: .utf8)
        let parts = text.components(separatedBy: "==== customer ====\n")
        try #require(parts.count == 2)
        return LabLogDiagnoser(cloudLog: parts[0], customerLog: parts[1], cloudIdentity: "198.18.0.1",
                               customerIdentity: "203.0.113.10")
    }

    static let cases: [(String, LabDiagnosis)] = [
        ("v2-ike", .ikeProposalMismatch(onPremises: "aes256/sha256/group14", cloud: "aes/sha1/group2")),
        ("v1main-ike", .ikeProposalMismatch(onPremises: "aes256/sha256/group14", cloud: "aes/sha1/group2")),
        ("v1aggr-ike", .ikeProposalMismatch(onPremises: "aes256/sha256/group14", cloud: "aes/sha1/group2")),
        ("v2-esp", .espProposalMismatch(onPremises: "aes256/sha256/group2", cloud: "aes/sha1/group2")),
        ("v1main-esp", .espProposalMismatch(onPremises: "aes256/sha256/group2", cloud: "aes/sha1/group2")),
        ("v2-psk", .wrongPreSharedKey),
        ("v1main-psk", .wrongPreSharedKey),
        ("v1aggr-psk", .wrongPreSharedKey),
        ("v2-id", .identityMismatch("the on-premises side expects the cloud side to be 'cloud.example.com' but it is '198.18.0.1'")),
        ("v2-lid", .identityMismatch("the on-premises side presents 'dc.example.com' but the cloud side expects '203.0.113.10'")),
        ("v1main-id", .identityMismatch("the cloud side presents '198.18.0.1' but the on-premises side expects 'cloud.example.com'")),
        ("v1main-lid", .identityMismatch("the on-premises side presents 'dc.example.com' but the cloud side expects '203.0.113.10'")),
        ("v1-main-vs-aggr", .aggressiveModeRefused),
        ("v1-aggr-vs-main", .ikeModeMismatch(onPremises: "main", cloud: "aggressive")),
        ("v1-pfs", .pfsGroupMismatch(onPremises: "group5", cloud: "group2", atRekey: false)),
        ("v1-version", .ikeVersionMismatch(onPremises: "IKEv2", cloud: "IKEv1")),
        ("v2-version", .ikeVersionMismatch(onPremises: "IKEv1", cloud: "IKEv2")),
    ]

    static let flows = LabDiagnosis.trafficSelectorMismatch(
        onPremisesLocal: ["192.168.1.0/24"], onPremisesRemote: ["10.10.0.0/16"], cloudLocal: ["10.10.0.0/16"],
        cloudRemote: ["192.168.0.0/24"], destinationRouting: false)

    /// Recorded with strongSwan 5.9.8 in the lab's namespaces; `-cloud-initiates` when the cloud side
    /// started the negotiation (the on-premises side is then the responder whose log has the rejection).
    static let newCases: [(String, LabDiagnosis)] = [
        ("v2-ts", flows),
        ("v1main-ts", flows),
        ("v2-nokey", .noSharedKey(onPremisesId: "203.0.113.10", cloudId: "198.18.0.1")),
        ("v1main-nokey", .noSharedKey(onPremisesId: "203.0.113.10", cloudId: "198.18.0.1")),
        ("v2-prf", .prfMismatch(onPremisesPRF: "sha256", onPremisesIntegrity: "sha1", cloud: "sha1")),
        ("v1main-prf", .prfMismatch(onPremisesPRF: "sha256", onPremisesIntegrity: "sha1", cloud: "sha1")),
        ("v2-esn", .esnOffered(onPremises: "aes/sha1/esn")),
        ("v1main-esn", .esnOffered(onPremises: "aes/sha1/esn")),
        ("v2-esp-cloud-initiates", .espProposalMismatch(onPremises: "aes256/sha256/group2", cloud: "aes/sha1/group2")),
        ("v1main-psk-cloud-initiates", .wrongPreSharedKey),
    ]

    @Test(arguments: newCases)
    func newFailures(_ name: String, _ expected: LabDiagnosis) throws {
        #expect(try Self.diagnoser(name).diagnose() == expected)
    }

    /// The cloud side initiated, so the device's log has the rejection; it lists only the side
    /// that failed, and the device's configuration gives the other.
    @Test func selectorsRejectedByTheDevice() throws {
        var diagnoser = try Self.diagnoser("v2-ts-cloud-initiates")
        diagnoser.customer = CustomerConnectionFacts(
            version: 2, aggressive: false, localId: nil, remoteId: nil, keyCount: 1, forcesEncapsulation: false,
            startAction: "none", localTs: ["192.168.1.0/24"], remoteTs: ["10.10.0.0/16"])
        #expect(diagnoser.diagnose() == Self.flows)
    }

    /// IKEv1 Main Mode with a wrong remote id and two keys loaded: the logs show only a decryption
    /// failure (a wrong key); the on-premises configuration shows why.
    @Test func mainModeRemoteIdWithSeveralKeys() throws {
        var diagnoser = try Self.diagnoser("v1main-rid-keys")
        #expect(diagnoser.diagnose() == .wrongPreSharedKey)
        diagnoser.customer = CustomerConnectionFacts(
            version: 1, aggressive: false, localId: "203.0.113.10", remoteId: "cloud.example.com", keyCount: 2,
            forcesEncapsulation: false, startAction: "none", localTs: ["0.0.0.0/0"], remoteTs: ["0.0.0.0/0"])
        guard case .identityMismatch(let detail) = diagnoser.diagnose() else {
            Issue.record("expected an identity mismatch, got \(diagnoser.diagnose())")
            return
        }
        #expect(detail.hasPrefix("the on-premises side expects the cloud side to be 'cloud.example.com' but it is '198.18.0.1'"))
        // With the right remote id the same logs are a wrong key.
        diagnoser.customer?.remoteId = "198.18.0.1"
        #expect(diagnoser.diagnose() == .wrongPreSharedKey)
    }

    @Test(arguments: cases)
    func firstNegotiation(_ name: String, _ expected: LabDiagnosis) throws {
        #expect(try Self.diagnoser(name).diagnose() == expected)
    }

    @Test func pfsGroupDiffersAtRekey() throws {
        #expect(try Self.diagnoser("v2-pfs-rekey").diagnoseRekey()
            == .pfsGroupMismatch(onPremises: "group5", cloud: "group2", atRekey: true))
    }

    @Test func pfsOnlyOnPremisesAtRekey() throws {
        #expect(try Self.diagnoser("v2-pfs-on-rekey").diagnoseRekey()
            == .pfsGroupMismatch(onPremises: "group2", cloud: "no PFS", atRekey: true))
    }

    @Test func emptyLogsAreUnexplained() {
        let diagnosis = LabLogDiagnoser(cloudLog: "", customerLog: "", cloudIdentity: "a", customerIdentity: "b").diagnose()
        guard case .unexplained = diagnosis else {
            Issue.record("expected an unexplained failure, got \(diagnosis)")
            return
        }
    }

    @Test func silentPeer() {
        let customer = "14[IKE] giving up after 2 retransmits\n14[IKE] establishing IKE_SA failed, peer not responding\n"
        let diagnosis = LabLogDiagnoser(cloudLog: "", customerLog: customer, cloudIdentity: "a", customerIdentity: "b").diagnose()
        #expect(diagnosis == .peerNotResponding)
    }

    @Test func descriptionsSpeakTheUsersTerms() {
        #expect(LabDiagnosis.ikeProposalMismatch(onPremises: "aes256/sha256/group14", cloud: "aes/sha1/group2").description
            == "IKE proposal mismatch: the on-premises side offered aes256/sha256/group14; the cloud side accepts aes/sha1/group2")
        #expect(LabDiagnosis.wrongPreSharedKey.description.hasPrefix("wrong pre-shared key"))
    }
}
