import Foundation
import TunnelformCore
import TunnelformSimulator

/// Changes a project's simulated cloud out of band, as a user in the console would: loads the
/// cloud file the CLI uses, calls the simulator's `console*` methods, and saves it back.
struct CloudConsole {
    var folder: URL

    var path: String { folder.appendingPathComponent(SimulatedCloud.defaultFile).path }

    func edit(_ body: (SimulatedCloud) async throws -> Void) async throws {
        let cloud = try SimulatedCloud(contentsOf: path)
        try await body(cloud)
        try await cloud.save(to: path)
    }

    func inventory(_ region: String) async throws -> CloudInventory {
        try await SimulatedCloud(contentsOf: path).inventory(region: region)
    }

    /// The state the CLI wrote in `folder`.
    func state() throws -> State {
        try StateStore(path: folder.appendingPathComponent("tunnelform.state.json").path).read()
    }

    func connection(_ name: String) throws -> ConnectionRecord {
        guard let record = try state()[ResourceAddress(.vpnConnection, name)]?.connection else { throw Missing.address(name) }
        return record
    }

    func gatewayId(_ name: String) throws -> String {
        guard let record = try state()[ResourceAddress(.customerGateway, name)]?.customerGateway else { throw Missing.address(name) }
        return record.id
    }

    enum Missing: Error { case address(String) }
}
