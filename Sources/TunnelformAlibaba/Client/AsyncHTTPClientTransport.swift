import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix

/// The production transport: one shared AsyncHTTPClient `HTTPClient` (one connection pool)
/// with connect and read timeouts. Call `shutdown()` once when done.
public final class AsyncHTTPClientTransport: HTTPTransport {
    let client: HTTPClient
    /// Responses larger than this are refused; OpenAPI answers are a few KiB.
    let maxResponseBytes: Int

    public init(connectTimeout: Double = 10, readTimeout: Double = 30, maxResponseBytes: Int = 16 << 20) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .milliseconds(Int64(connectTimeout * 1000)), read: .milliseconds(Int64(readTimeout * 1000)))
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .enabled(limit: .ratio(25))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.maxResponseBytes = maxResponseBytes
    }

    public func shutdown() async throws {
        try await client.shutdown()
    }

    public func send(method: String, url: String, headers: [String: String], body: [UInt8], timeout: Double) async throws -> HTTPResponse {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            let buffer = try await response.body.collect(upTo: maxResponseBytes)
            var responseHeaders: [String: String] = [:]
            for header in response.headers { responseHeaders[header.name.lowercased()] = header.value }
            return HTTPResponse(status: Int(response.status.code), headers: responseHeaders, body: Array(buffer.readableBytesView))
        } catch let error as HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                throw HTTPTransportError.timeout(String(describing: error))
            case .invalidURL, .emptyHost, .emptyScheme:
                throw HTTPTransportError.unreachable(String(describing: error))
            default:
                throw HTTPTransportError.connectionFailed(String(describing: error))
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw Self.isPermanent(error) ? HTTPTransportError.unreachable(String(describing: error))
                : HTTPTransportError.connectionFailed(String(describing: error))
        }
    }

    /// Whether retrying `error` cannot help: a name that did not resolve (no address was even tried),
    /// or a TLS failure, which NIO's SSL errors report.
    static func isPermanent(_ error: any Error) -> Bool {
        if let connection = error as? NIOConnectionError {
            return connection.connectionErrors.isEmpty && (connection.dnsAError != nil || connection.dnsAAAAError != nil)
        }
        let type = String(reflecting: Swift.type(of: error))
        return type.contains("SocketAddressError") || type.contains("NIOSSL") || type.contains("BoringSSL")
    }
}
