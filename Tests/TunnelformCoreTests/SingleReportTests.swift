import Testing
import TunnelformCore

/// Each mistake is reported once: a value that does not read (or a tunnel CIDR that is wrong itself)
/// is one error at that value, with no follow-on error from rules that miss it or build on it.
@Suite("each mistake reported once")
struct SingleReportTests {
    static let cases: [(name: String, old: String, new: String)] = [
        ("a tunnel CIDR that is not a CIDR", "tunnelCidr: 169.254.10.0/30", "tunnelCidr: ⟪169.254.10.0/33"),
        ("an ASN written as a float", "asn: 65010", "asn: ⟪65010.0"),
        ("a tunnel CIDR outside 169.254.0.0/16", "tunnelCidr: 169.254.10.0/30", "tunnelCidr: ⟪10.0.0.0/30"),
        ("a gateway address that is not an address", "ipAddress: 203.0.113.10", "ipAddress: ⟪203.0.113.300"),
    ]

    @Test(arguments: cases.map(\.name))
    func oneErrorAtTheBadValue(_ name: String) throws {
        let change = try #require(Self.cases.first { $0.name == name })
        let fixture = try ManifestFixture.editing([(change.old, change.new)])
        defer { fixture.remove() }
        let errors = fixture.diagnostics().errors
        #expect(errors.count == 1, "\(errors.map(\.message))")
        #expect(errors.first?.location == fixture.expectedLocation)
    }
}
