import Foundation
import TunnelformCore

/// What can go wrong with the PostgreSQL state backend, each with a message a user can act on.
///
/// Messages are built from Tunnelform's own words, the user/host/port/database of the URL and the
/// server's `message` field; never from the URL text nor a driver error's description, which could
/// carry the password.
public enum PostgresStateError: Error, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case invalidSchemaName(String)
    case invalidWorkspaceName(String)
    case connectionRefused(endpoint: String)
    case hostNotFound(host: String)
    case connectTimeout(endpoint: String)
    case connectionFailed(endpoint: String, reason: String)
    case authenticationFailed(user: String, endpoint: String)
    case passwordMissing(user: String, endpoint: String)
    case databaseMissing(database: String, endpoint: String)
    case serverRequiresTLS(endpoint: String, serverMessage: String)
    case tlsUnavailable(endpoint: String, sslMode: String)
    case tlsFailed(endpoint: String, reason: String)
    case connectionLost(endpoint: String)
    case server(message: String, sqlState: String?)
    case schemaTooNew(schema: String, found: Int, known: Int)
    case locked(holder: StateLock.Holder, location: String, leaseExpiresAt: Date, waited: Duration)
    case corruptRow(String)

    public var description: String {
        switch self {
        case .invalidURL(let why): "the PostgreSQL URL is not valid: \(why)"
        case .invalidSchemaName(let name):
            "the schema name '\(name)' is not valid: use lower-case letters, digits and _ (at most 63), not starting with a digit"
        case .invalidWorkspaceName(let name):
            "the workspace name '\(name)' is not valid: use 1 to 128 letters, digits, '.', '_' or '-'"
        case .connectionRefused(let endpoint): "cannot connect to PostgreSQL: connection refused at \(endpoint) (is the server running and listening there?)"
        case .hostNotFound(let host): "cannot connect to PostgreSQL: host \(host) not found"
        case .connectTimeout(let endpoint): "cannot connect to PostgreSQL at \(endpoint): timed out"
        case .connectionFailed(let endpoint, let reason): "cannot connect to PostgreSQL at \(endpoint): \(reason)"
        case .authenticationFailed(let user, let endpoint):
            "PostgreSQL at \(endpoint): authentication failed for user \(user) (check the password the URL's secret reference gives)"
        case .passwordMissing(let user, let endpoint):
            "PostgreSQL at \(endpoint) asks user \(user) for a password, but the URL has none"
        case .databaseMissing(let database, let endpoint):
            "PostgreSQL at \(endpoint): database \(database) does not exist (create it with `createdb \(database)`)"
        case .serverRequiresTLS(let endpoint, let message):
            "PostgreSQL at \(endpoint) refused a connection without TLS (\(message)): set sslmode=require (or verify-ca, verify-full) in the URL"
        case .tlsUnavailable(let endpoint, let mode):
            "PostgreSQL at \(endpoint) does not offer TLS, but the URL's sslmode=\(mode) requires it"
        case .tlsFailed(let endpoint, let reason): "TLS with PostgreSQL at \(endpoint) failed: \(reason)"
        case .connectionLost(let endpoint): "the connection to PostgreSQL at \(endpoint) was lost"
        case .server(let message, let state): "PostgreSQL: \(message)" + (state.map { " (SQLSTATE \($0))" } ?? "")
        case .schemaTooNew(let schema, let found, let known):
            "schema \(schema) is at version \(found), newer than this Tunnelform knows (\(known)): upgrade Tunnelform"
        case .locked(let holder, let location, let expires, let waited):
            "the state (\(location)) is locked by \(holder.summary); its lease expires at \(expires.formatted(.iso8601)) unless renewed. "
                + "Waited \(waited.formattedSeconds); wait for it to finish, or run `tunnelform force-unlock` if it is gone"
        case .corruptRow(let what): "the state database holds an unexpected row: \(what)"
        }
    }
}

extension Duration {
    /// `60s`, `1.5s`.
    var formattedSeconds: String {
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return seconds == seconds.rounded() ? "\(Int(seconds))s" : String(format: "%.1fs", seconds)
    }
}
