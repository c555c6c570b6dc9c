import Foundation

/// A parsed `postgres://user:password@host:port/database?sslmode=…` URL.
///
/// The password is kept only to log in: `description` and every error built from this value show
/// the user, host, port and database, never the password nor the URL text.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: PostgresSSLMode
    /// `sslrootcert`: a PEM file of the authorities to trust for `verify-ca`/`verify-full`
    /// (the system's trust store when absent).
    public var rootCertificatePath: String?
    /// `connect_timeout` in seconds (libpq's spelling); 10 when absent.
    public var connectTimeoutSeconds: Int

    /// Parses `text`. Errors describe what is wrong without repeating the text (it holds the password).
    public init(_ text: String) throws(PostgresStateError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            throw .invalidURL("it is not a URL of the form postgres://user:password@host:port/database")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw .invalidURL("the scheme must be postgres:// or postgresql://, not \(scheme)://")
        }
        guard let host = components.host?.removingPercentEncoding, !host.isEmpty else {
            throw .invalidURL("it names no host (postgres://user:password@host:port/database)")
        }
        guard let user = components.user?.removingPercentEncoding, !user.isEmpty else {
            throw .invalidURL("it names no user (postgres://user:password@host:port/database)")
        }
        let database = String(components.path.drop(while: { $0 == "/" })).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalidURL("it names no database (postgres://user:password@host:port/database)")
        }
        self.user = user
        self.password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? 5432
        self.database = database
        self.sslMode = .default
        self.rootCertificatePath = nil
        self.connectTimeoutSeconds = 10
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = PostgresSSLMode(rawValue: value) else {
                    let known = PostgresSSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .invalidURL("sslmode '\(value)' is not one of \(known)")
                }
                sslMode = mode
            case "sslrootcert": rootCertificatePath = value
            case "connect_timeout":
                guard let seconds = Int(value), seconds > 0 else { throw .invalidURL("connect_timeout must be a number of seconds") }
                connectTimeoutSeconds = seconds
            case "application_name", "sslcompression":
                continue
            default:
                throw .invalidURL("unknown parameter '\(item.name)' (known: sslmode, sslrootcert, connect_timeout)")
            }
        }
        guard (1...65535).contains(port) else { throw .invalidURL("port \(port) is out of range") }
    }

    /// `user@host:port/database`: safe to print.
    public var description: String { "\(user)@\(endpoint)/\(database)" }

    /// What `dump` and debuggers show: no password.
    public var customMirror: Mirror {
        Mirror(self, children: ["user": user, "host": host, "port": port, "database": database, "sslMode": sslMode.rawValue,
                                "password": password == nil ? "(none)" : "(redacted)"])
    }

    /// `host:port`, brackets around an IPv6 address.
    public var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
