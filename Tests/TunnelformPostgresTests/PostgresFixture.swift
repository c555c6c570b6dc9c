import Foundation
import TunnelformCore
import TunnelformPostgres
import TunnelformTestSupport

/// A fresh database on the shared test server, and backends on it.
struct PostgresFixture {
    let server: PostgresServer
    let database: String

    init(tls: Bool = false) throws {
        server = tls ? try PostgresServer.sharedTLS() : try PostgresServer.shared()
        database = try server.createDatabase()
    }

    func url(_ query: String? = nil) -> String { server.url(database: database, query: query ?? "sslmode=disable") }

    /// A backend of `workspace`; `renews: false` plays a holder that is paused and never renews.
    func backend(workspace: String = "default", schema: String = "tunnelform", lease: Duration = .seconds(30),
                 renews: Bool = true, query: String? = nil) throws -> PostgresStateBackend {
        var backend = try PostgresStateBackend(url: url(query), workspace: workspace, schema: schema, lease: lease)
        if !renews { backend.renewalInterval = nil }
        backend.pollInterval = .milliseconds(50)
        return backend
    }

    /// psql as the superuser in this database.
    @discardableResult
    func sql(_ statement: String) throws -> String { try server.sql(statement, database: database) }

    /// The journal rows of `workspace`, `operation|address|token` each, sorted.
    func journal(_ workspace: String = "default") throws -> [String] {
        try sql("SELECT operation_id || '|' || address || '|' || token FROM tunnelform.journal WHERE workspace = '\(workspace)' ORDER BY 1")
            .split(separator: "\n").map(String.init)
    }

    /// Makes the lock's lease of `workspace` run out now, as if its holder had been paused.
    func expireLease(_ workspace: String = "default") throws {
        try sql("UPDATE tunnelform.locks SET lease_expires_at = now() - interval '1 second' WHERE workspace = '\(workspace)'")
    }
}

/// States to write: `regions` names the records, one per address.
func makeState(lineage: String = "lineage-a", serial: Int, records: [String: String] = [:],
               pending: [PendingOperation] = []) -> State {
    var state = State(lineage: lineage)
    state.serial = serial
    for (name, region) in records {
        state[ResourceAddress(.customerGateway, name)] = ResourceState(region: region)
    }
    state.pendingOperations = pending
    return state
}

func pendingOperation(_ id: String, _ name: String) -> PendingOperation {
    PendingOperation(operationId: id, address: ResourceAddress(.vpnConnection, name), token: "token-\(id)",
                     startedAt: Date(timeIntervalSince1970: 1_800_000_000))
}

/// What `body` throws, or nil.
func thrown(_ body: () async throws -> Void) async -> (any Error)? {
    do {
        try await body()
        return nil
    } catch {
        return error
    }
}
