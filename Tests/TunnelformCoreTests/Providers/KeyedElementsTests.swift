import Testing
@testable import TunnelformCore

@Suite struct KeyedElementsTests {
    /// An inventory may list an object twice (a page boundary moving under a paged list): the
    /// first one listed is the one found, as the dictionaries it replaces kept it.
    @Test func findsTheFirstElementOfAKey() {
        let links = [CloudRouteTableLink(attachmentId: "a", routeTableId: "vtb-1", status: .active),
                     CloudRouteTableLink(attachmentId: "b", routeTableId: "vtb-1", status: .pending),
                     CloudRouteTableLink(attachmentId: "a", routeTableId: "vtb-2", status: .removing)]
        let keyed = KeyedElements(links, key: \.attachmentId)
        #expect(keyed["a"]?.routeTableId == "vtb-1")
        #expect(keyed["b"]?.status == .pending)
        #expect(keyed["c"] == nil)
        #expect(keyed.mapValues(\.routeTableId) == ["a": "vtb-1", "b": "vtb-1"])
    }
}
