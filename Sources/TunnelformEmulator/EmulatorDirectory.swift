import Foundation

/// What the wire needs and the simulated cloud does not keep: the region of a transit-router attachment
/// (CBN calls name only the attachment), the CEN instance and region behind a transit router or route
/// table id (both are digests), and when each attachment was created (CEN's `CreationTime`).
///
/// Only a cache: everything but creation times can be found again by scanning the cloud, which is
/// what happens after a restart from a state file.
actor EmulatorDirectory {
    struct Router: Sendable, Equatable {
        var cenId: String
        var region: String
    }

    private var regionOfAttachment: [String: String] = [:]
    private var routers: [String: Router] = [:]
    private var routeTables: [String: Router] = [:]
    private var creationTimes: [String: Date] = [:]
    /// Reported for attachments created before this process started.
    let started = Date()

    func remember(attachment id: String, region: String, created: Date? = nil) {
        regionOfAttachment[id] = region
        if let created, creationTimes[id] == nil { creationTimes[id] = created }
    }

    func remember(router id: String, routeTable tableId: String, cenId: String, region: String) {
        routers[id] = Router(cenId: cenId, region: region)
        routeTables[tableId] = Router(cenId: cenId, region: region)
    }

    func region(ofAttachment id: String) -> String? { regionOfAttachment[id] }

    func router(_ id: String) -> Router? { routers[id] }

    func routeTable(_ id: String) -> Router? { routeTables[id] }

    func creationTime(ofAttachment id: String) -> Date { creationTimes[id] ?? started }
}
