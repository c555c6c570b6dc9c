import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The emulator on a loopback port, over Hummingbird 2. Stops cleanly on SIGTERM and SIGINT.
public struct EmulatorServer: Sendable {
    public let emulator: Emulator

    public init(emulator: Emulator) {
        self.emulator = emulator
    }

    /// Serves until a termination signal; `onListening` gets the base URL (`http://127.0.0.1:PORT`)
    /// once the port is bound, the chosen one when the configuration asks for port 0.
    public func run(onListening: @escaping @Sendable (String) async -> Void) async throws {
        let host = emulator.configuration.host
        let app = Application(
            responder: EmulatorResponder(emulator: emulator),
            configuration: ApplicationConfiguration(address: .hostname(host, port: emulator.configuration.port),
                                                    serverName: "tunnelform-emulator"),
            onServerRunning: { channel in
                await onListening("http://\(host):\(channel.localAddress?.port ?? emulator.configuration.port)")
            })
        try await app.runService()
    }
}

/// Hummingbird's request context plus the connection, so a dropped call can close it.
struct EmulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}

/// Adapts Hummingbird requests to `WireRequest` and `WireResponse` back.
struct EmulatorResponder: HTTPResponder {
    typealias Context = EmulatorRequestContext

    /// OpenAPI requests are a few KiB; anything far larger is refused unread.
    static let maxBodyBytes = 1 << 20

    let emulator: Emulator

    func respond(to request: Request, context: EmulatorRequestContext) async throws -> Response {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maxBodyBytes)
        } catch {
            return Self.plain(413, "request body larger than \(Self.maxBodyBytes) bytes")
        }
        let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        let host = request.head.authority ?? HTTPField.Name("host").flatMap { request.headers[$0] } ?? emulator.configuration.host
        guard let wire = WireRequest(method: request.method.rawValue, host: host, path: request.uri.path, headers: headers,
                                     rawQuery: request.uri.query ?? "", body: Array(buffer.readableBytesView)) else {
            return Self.plain(400, "malformed percent-encoding in the query or body")
        }
        let answer = await emulator.handle(wire)
        if answer.dropsConnection {
            // The call was carried out; the client sees its connection closed and no answer.
            try? await context.channel.close()
        }
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields[fieldName] = value }
        }
        fields[.contentLength] = String(answer.body.count)
        return Response(status: HTTPResponse.Status(code: answer.status), headers: fields,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    static func plain(_ status: Int, _ text: String) -> Response {
        Response(status: HTTPResponse.Status(code: status), headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
