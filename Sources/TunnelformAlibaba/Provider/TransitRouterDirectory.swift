/// What the provider has learnt about transit routers: which router an attachment belongs to and
/// each router's default (System) route table. Neither changes during a run, so both are cached.
actor TransitRouterDirectory {
    private var routerOfAttachment: [String: String] = [:]
    private var defaultTableOfRouter: [String: String] = [:]

    func transitRouter(ofAttachment id: String) -> String? { routerOfAttachment[id] }

    func remember(attachment id: String, transitRouter: String) {
        routerOfAttachment[id] = transitRouter
    }

    func defaultTable(ofRouter id: String) -> String? { defaultTableOfRouter[id] }

    func remember(defaultTable table: String, ofRouter id: String) {
        defaultTableOfRouter[id] = table
    }
}
