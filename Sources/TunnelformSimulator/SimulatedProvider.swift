import TunnelformCore

/// The built-in default cloud: a `SimulatedCloud` behind the `CloudProvider` interface, optionally
/// persisted to a file so that separate CLI runs see the same cloud.
///
/// With a file, every call that changed the cloud (including state changes that merely came due) is saved
/// before the call returns, so a process killed mid-apply loses nothing the cloud did. Calls made while
/// a save is being written share the next one.
public struct SimulatedProvider: CloudProvider {
    public let cloud: SimulatedCloud
    /// Where the cloud is saved; nil keeps it in memory only.
    public let file: String?

    public init(cloud: SimulatedCloud = SimulatedCloud(), file: String? = nil) {
        self.cloud = cloud
        self.file = file
    }

    /// Loads the cloud from `file` (empty when there is none yet) and saves it there after every change.
    public init(
        file: String, clock: TunnelformClock = .system,
        random: any SimulatedRandom = SimulatedSystemRandom(), delays: SimulatedCloud.Delays = .instant
    ) throws(SimulatedCloudFileError) {
        self.init(cloud: try SimulatedCloud(contentsOf: file, clock: clock, random: random, delays: delays), file: file)
    }

    public func observe(region: String) async throws(CloudError) -> CloudInventory {
        try await cloud.inventory(region: region, persistingTo: file)
    }

    public func execute(_ request: CloudRequest, idempotencyToken: String) async throws(CloudError) -> CloudResponse {
        try await cloud.execute(request, clientToken: idempotencyToken, persistingTo: file)
    }

    public func status(of object: CloudObjectRef) async throws(CloudError) -> SettleStatus {
        try await cloud.status(of: object, persistingTo: file)
    }

    public func connection(region: String, id: String) async throws(CloudError) -> CloudConnection? {
        try await cloud.connection(region: region, id: id, persistingTo: file)
    }
}

extension SimulatedCloud {
    /// `inventory`, then saved to `path` when given and changed.
    public func inventory(region: String, persistingTo path: String?) async throws(CloudError) -> CloudInventory {
        let inventory = inventory(region: region)
        try await persist(to: path)
        return inventory
    }

    /// `connection`, then saved to `path` when given and changed.
    public func connection(region: String, id: String, persistingTo path: String?) async throws(CloudError) -> CloudConnection? {
        let connection = connection(region: region, id: id)
        try await persist(to: path)
        return connection
    }

    /// `status`, then saved to `path` when given and changed.
    public func status(of object: CloudObjectRef, persistingTo path: String?) async throws(CloudError) -> SettleStatus {
        let status = status(of: object)
        try await persist(to: path)
        return status
    }
}
