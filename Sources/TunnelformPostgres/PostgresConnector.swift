import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// Opens connections to the URL's server and turns the driver's failures into `PostgresStateError`s
/// with a cause a user can act on. Nothing is logged (a no-op logger), so nothing can leak there.
struct PostgresConnector: Sendable, CustomReflectable {
    let url: PostgresURL

    var customMirror: Mirror { Mirror(self, children: ["url": url.description]) }

    static let logger = Logger(label: "tunnelform.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    private static let ids = ConnectionIDs()

    /// A new connection, named `applicationName` in `pg_stat_activity`.
    func connect(applicationName: String) async throws -> PostgresConnection {
        let configuration = try makeConfiguration(applicationName: applicationName)
        do {
            return try await PostgresConnection.connect(on: Self.eventLoopGroup.next(), configuration: configuration,
                                                        id: Self.ids.next(), logger: Self.logger)
        } catch {
            throw classify(error)
        }
    }

    /// The backend's own event loop, for its connections and lease renewals: nothing else in the
    /// process (HTTP clients, servers, blocking callers) runs on it, so renewals are never held up.
    /// Lives as long as the process.
    static let eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    private func makeConfiguration(applicationName: String) throws(PostgresStateError) -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch url.sslMode {
            case .disable: tls = .disable
            case .allow, .prefer: tls = .prefer(try NIOSSLContext(configuration: tlsConfiguration(verification: .none)))
            case .require:
                // As libpq: with sslrootcert given, require also checks the certificate's authority.
                let verification: CertificateVerification = url.rootCertificatePath == nil ? .none : .noHostnameVerification
                tls = .require(try NIOSSLContext(configuration: tlsConfiguration(verification: verification)))
            case .verifyCA: tls = .require(try NIOSSLContext(configuration: tlsConfiguration(verification: .noHostnameVerification)))
            case .verifyFull: tls = .require(try NIOSSLContext(configuration: tlsConfiguration(verification: .fullVerification)))
            }
        } catch {
            throw .tlsFailed(endpoint: url.endpoint, reason: "cannot set up TLS (sslrootcert unreadable or not PEM?)")
        }
        var configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                             password: url.password, database: url.database, tls: tls)
        configuration.options.connectTimeout = .seconds(Int64(url.connectTimeoutSeconds))
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        if url.sslMode == .verifyFull, !url.isIPAddress { configuration.options.tlsServerName = url.host }
        return configuration
    }

    private func tlsConfiguration(verification: CertificateVerification) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = verification
        if let root = url.rootCertificatePath, verification != .none {
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(root))
        }
        return tls
    }

    /// `error` as thrown to callers: cancellation as it is, anything else described.
    func classify(_ error: any Error) -> any Error {
        if error is CancellationError { return error }
        return describe(error)
    }

    /// The cause of a failed connection attempt or query, in words that name no secret.
    func describe(_ error: any Error) -> PostgresStateError {
        if let mapped = error as? PostgresStateError { return mapped }
        guard let psql = error as? PSQLError else {
            return .connectionFailed(endpoint: url.endpoint, reason: Self.socketReason(error) ?? "unexpected failure")
        }
        switch psql.code {
        case .server:
            let state = psql.serverInfo?[.sqlState]
            let message = scrub(psql.serverInfo?[.message] ?? "no message")
            switch state {
            case "28P01": return .authenticationFailed(user: url.user, endpoint: url.endpoint)
            case "3D000": return .databaseMissing(database: url.database, endpoint: url.endpoint)
            case "28000" where message.contains("no encryption"):
                return .serverRequiresTLS(endpoint: url.endpoint, serverMessage: message)
            default: return .server(message: message, sqlState: state)
            }
        case .sslUnsupported:
            return .tlsUnavailable(endpoint: url.endpoint, sslMode: url.sslMode.rawValue)
        case .failedToAddSSLHandler:
            return .tlsFailed(endpoint: url.endpoint, reason: "cannot start TLS")
        case .authMechanismRequiresPassword:
            return .passwordMissing(user: url.user, endpoint: url.endpoint)
        case .unsupportedAuthMechanism:
            return .connectionFailed(endpoint: url.endpoint, reason: "the server asks for an authentication method Tunnelform does not support (use scram-sha-256 or md5)")
        case .saslError:
            return .authenticationFailed(user: url.user, endpoint: url.endpoint)
        case .connectionError, .uncleanShutdown, .serverClosedConnection, .clientClosedConnection:
            if let underlying = psql.underlying {
                if let tls = underlying as? NIOSSLError { return .tlsFailed(endpoint: url.endpoint, reason: Self.tlsReason(tls)) }
                if let reason = Self.socketReason(underlying) {
                    if reason == "refused" { return .connectionRefused(endpoint: url.endpoint) }
                    if reason == "not found" { return .hostNotFound(host: url.host) }
                    if reason == "timeout" { return .connectTimeout(endpoint: url.endpoint) }
                    return .connectionFailed(endpoint: url.endpoint, reason: reason)
                }
            }
            return .connectionLost(endpoint: url.endpoint)
        default:
            return .connectionFailed(endpoint: url.endpoint, reason: "protocol error (\(psql.code))")
        }
    }

    /// The server's message with the password cut out, should a server ever echo it.
    func scrub(_ text: String) -> String {
        guard let password = url.password, !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "(redacted)")
    }

    private static func tlsReason(_ error: NIOSSLError) -> String {
        switch error {
        case .handshakeFailed: "the handshake failed (is the server's certificate trusted, and issued for this host? see sslrootcert)"
        case .uncleanShutdown: "the server ended TLS uncleanly"
        default: "TLS error"
        }
    }

    /// `refused`, `not found`, `timeout`, or an errno's text, from a socket-level error.
    private static func socketReason(_ error: any Error) -> String? {
        if let io = error as? IOError { return io.errnoCode == ECONNREFUSED ? "refused" : String(cString: strerror(io.errnoCode)) }
        if let connection = error as? NIOConnectionError {
            if connection.connectionErrors.contains(where: { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }) { return "refused" }
            if connection.connectionErrors.isEmpty { return "not found" }
            if let first = connection.connectionErrors.first { return socketReason(first.error) ?? "cannot connect" }
        }
        if case ChannelError.connectTimeout = error as? ChannelError ?? .ioOnClosedChannel { return "timeout" }
        if error is SocketAddressError { return "not found" }
        return nil
    }
}

extension PostgresURL {
    var isIPAddress: Bool {
        host.contains(":") || host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil }
    }
}

/// Connection ids for the driver's metadata.
private final class ConnectionIDs: Sendable {
    private let counter = NIOLockedValueBox(0)
    func next() -> Int { counter.withLockedValue { $0 += 1; return $0 } }
}
