import Foundation
import Testing
@testable import TunnelformAlibaba
#if canImport(Glibc)
import Glibc
#endif

/// The production transport against a one-shot HTTP server on loopback.
@Suite struct AsyncHTTPClientTransportTests {
    #if canImport(Glibc)
    /// Accepts one connection on 127.0.0.1, records the raw request, answers with `response`.
    final class OneShotServer: @unchecked Sendable {
        let port: UInt16
        private let socketDescriptor: Int32
        private let lock = NSLock()
        private var received = ""
        private let done = DispatchSemaphore(value: 0)

        init(response: String) throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
            guard bound == 0, listen(descriptor, 1) == 0 else { throw POSIXError(.EADDRINUSE) }
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
            socketDescriptor = descriptor
            port = UInt16(bigEndian: address.sin_port)
            let server = socketDescriptor
            Thread.detachNewThread { [self] in
                let client = accept(server, nil, nil)
                var data = [UInt8]()
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = read(client, &buffer, buffer.count)
                    if count <= 0 { break }
                    data += buffer[0..<count]
                    let text = String(decoding: data, as: UTF8.self)
                    if let end = text.range(of: "\r\n\r\n") {
                        let head = text[..<end.lowerBound].lowercased()
                        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                        if data.count >= text.utf8.distance(from: text.utf8.startIndex, to: end.upperBound) + length { break }
                    }
                }
                lock.withLock { received = String(decoding: data, as: UTF8.self) }
                _ = response.withCString { write(client, $0, strlen($0)) }
                close(client)
                close(server)
                done.signal()
            }
        }

        func request() -> String {
            _ = done.wait(timeout: .now() + 10)
            return lock.withLock { received }
        }
    }

    @Test func roundTripOverLoopback() async throws {
        let body = #"{"RequestId": "req-1", "Ok": true}"#
        let server = try OneShotServer(response: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Acs-Request-Id: req-1\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body)
        let transport = AsyncHTTPClientTransport(connectTimeout: 2, readTimeout: 5)
        do {
            let response = try await transport.send(
                method: "POST", url: "http://127.0.0.1:\(server.port)/?Action=Test&Name=a%20b",
                headers: ["host": "127.0.0.1:\(server.port)", "x-acs-action": "Test", "content-type": "application/x-www-form-urlencoded"],
                body: Array("A=1&B=2".utf8), timeout: 5)
            #expect(response.status == 200)
            #expect(response.headers["x-acs-request-id"] == "req-1")
            #expect(String(decoding: response.body, as: UTF8.self) == body)
            let raw = server.request()
            #expect(raw.hasPrefix("POST /?Action=Test&Name=a%20b HTTP/1.1\r\n"))
            #expect(raw.lowercased().contains("host: 127.0.0.1:\(server.port)\r\n"))
            #expect(raw.lowercased().contains("x-acs-action: test\r\n"))
            #expect(raw.hasSuffix("\r\n\r\nA=1&B=2"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        try await transport.shutdown()
    }
    #endif

    @Test func refusedConnectionIsATransportFailure() async throws {
        let transport = AsyncHTTPClientTransport(connectTimeout: 0.3, readTimeout: 1)
        await #expect(throws: HTTPTransportError.self) {
            try await transport.send(method: "POST", url: "http://127.0.0.1:1/", headers: [:], body: [], timeout: 1)
        }
        try await transport.shutdown()
    }
}
