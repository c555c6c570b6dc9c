import Foundation
import Testing
@testable import TunnelformCore

/// `ResourceState` keeps its fields in a shared copy-on-write box: copies must still behave as
/// independent values.
@Suite struct ResourceStateTests {
    private static let record = TapeDecodableTests.fullState[ResourceAddress(.vpnConnection, "dc1")]!

    @Test func aChangedCopyLeavesTheOriginalAsItWas() {
        let original = Self.record
        var copy = original
        #expect(copy == original)
        copy.connection?.tunnels[0].id = "tun-changed"
        copy.deposed = []
        copy.region = "eu-central-1"
        #expect(original.connection?.tunnels[0].id == "tun-1")
        #expect(original.deposed.count == 1)
        #expect(original.region == "cn-hangzhou")
        #expect(copy != original)
        #expect(copy.connection?.tunnels[0].id == "tun-changed")
    }

    @Test func recordsBuiltApartAreEqualWhenTheirFieldsAre() throws {
        let rebuilt = ResourceState(region: Self.record.region, customerGateway: Self.record.customerGateway,
                                    connection: Self.record.connection, deposed: Self.record.deposed)
        #expect(rebuilt == Self.record)
        var other = rebuilt
        other.connection?.associated.toggle()
        #expect(other != Self.record)
        #expect(try CanonicalJSON.decode(ResourceState.self, from: CanonicalJSON.encode(Self.record)) == Self.record)
        #expect(try JSONDecoder().decode(ResourceState.self, from: JSONEncoder().encode(Self.record)) == Self.record)
    }
}
