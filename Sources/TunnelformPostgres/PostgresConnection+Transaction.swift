import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs `body` between BEGIN and COMMIT; rolls back (best effort) when it throws. The body's
    /// error is rethrown as it is, so callers can tell a refusal from a lost connection.
    func transaction<T>(_ body: () async throws -> T) async throws -> T {
        try await query("BEGIN", logger: PostgresConnector.logger)
        let value: T
        do {
            value = try await body()
        } catch {
            _ = try? await query("ROLLBACK", logger: PostgresConnector.logger)
            throw error
        }
        try await query("COMMIT", logger: PostgresConnector.logger)
        return value
    }

    /// All rows of `query`.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await self.query(query, logger: PostgresConnector.logger).collect()
    }

    /// Runs `query`, ignoring any rows.
    func run(_ query: PostgresQuery) async throws {
        _ = try await self.query(query, logger: PostgresConnector.logger).collect()
    }
}
