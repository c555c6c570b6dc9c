import Testing
import TunnelformCore
@testable import TunnelformCLI

/// Progress and failure lines name objects in the user's words, never the plan's internal operation ids.
@Suite("Apply progress lines")
struct ApplyProgressViewTests {
    @Test func aSkippedOperationNamesWhatItWaitedFor() {
        let address = ResourceAddress(.vpnConnection, "dc")
        let blocker = PlanOperation(address: address, object: .routeTablePropagation, action: .delete, region: "cn-shanghai",
                                    cloudId: "tr-attach-0123456789abcdefghij", reason: "the connection is replaced", deposed: true)
        let skipped = PlanOperation(address: address, object: .connection, action: .replace, region: "cn-shanghai", reason: "x")
        let line = ApplyProgressView(console: Console(noColor: true)).line(for: .skipped(skipped, because: blocker))
        #expect(line == "VpnConnection/dc: skipped replace IPsec connection because deleting the default route table propagation of VpnConnection/dc did not complete")
        #expect(!line.contains(blocker.id))
        let unknown = ApplyProgressView(console: Console(noColor: true)).line(for: .skipped(skipped, because: nil))
        #expect(unknown.hasSuffix("because an earlier operation failed"))
    }
}
