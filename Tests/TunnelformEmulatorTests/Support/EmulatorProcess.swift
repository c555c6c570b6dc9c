import Foundation
import Testing
import TunnelformAlibaba
import TunnelformCore

/// A `tunnelform-emulator` process started for one test, stopped with SIGTERM at the end.
///
/// `@unchecked Sendable`: `Process` is not marked Sendable, but it is only read after `run()`.
final class EmulatorProcess: @unchecked Sendable {
    static let accessKeyId = "tf-emulator"
    static let accountId = "1234567890123456"

    let process: Process
    /// `http://127.0.0.1:PORT`.
    let url: String
    let secret: String
    let folder: URL

    /// Starts the emulator with `arguments` and a fresh random secret; returns once it prints its URL.
    static func start(_ arguments: [String] = []) async throws -> EmulatorProcess {
        let folder = try Products.temporaryFolder("tf-emulator")
        let secret = "emu-" + UUID().uuidString.lowercased()
        let stdout = folder.appendingPathComponent("stdout.txt")
        let stderr = folder.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        let process = Process()
        process.executableURL = Products.executable("tunnelform-emulator")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TUNNELFORM_EMULATOR_ACCESS_KEY_SECRET"] = secret
        environment["LOG_LEVEL"] = "warning"
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let text = (try? String(contentsOf: stdout, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first, text.contains("\n") {
                let prefix = "tunnelform-emulator listening on "
                guard line.hasPrefix(prefix) else {
                    process.terminate()
                    throw EmulatorProcessError.unexpectedFirstLine(String(line))
                }
                return EmulatorProcess(process: process, url: String(line.dropFirst(prefix.count)), secret: secret, folder: folder)
            }
            guard process.isRunning else {
                let errors = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
                throw EmulatorProcessError.exited(process.terminationStatus, errors)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.terminate()
        throw EmulatorProcessError.noURL
    }

    private init(process: Process, url: String, secret: String, folder: URL) {
        self.process = process
        self.url = url
        self.secret = secret
        self.folder = folder
    }

    /// `signal` (SIGTERM by default), then waits for the exit (SIGKILL after 10 s); returns the exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) async -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    var stderr: String { (try? String(contentsOf: folder.appendingPathComponent("stderr.txt"), encoding: .utf8)) ?? "" }

    /// `GET /_emulator/stats`.
    func stats() async throws -> EmulatorStats {
        try JSONDecoder().decode(EmulatorStats.self, from: try await get("/_emulator/stats"))
    }

    /// `GET /_emulator/inventory?region=R`.
    func inventory(region: String) async throws -> CloudInventory {
        try JSONDecoder().decode(CloudInventory.self, from: try await get("/_emulator/inventory?region=\(region)"))
    }

    /// Every non-empty region, as `GET /_emulator/inventory` reports it.
    func inventories() async throws -> [String: CloudInventory] {
        struct All: Decodable { var regions: [String: CloudInventory] }
        return try JSONDecoder().decode(All.self, from: try await get("/_emulator/inventory")).regions
    }

    /// Moves the cloud's clock of an emulator started with `--manual-clock`.
    func advanceClock(by seconds: Double) async throws {
        let path = "/_emulator/clock?advance=\(seconds)"
        let response = try await Products.transport.send(method: "POST", url: url + path, headers: [:], body: [], timeout: 30)
        guard response.status == 200 else { throw EmulatorProcessError.status(path, response.status) }
    }

    /// A change made outside Tunnelform: `POST /_emulator/console?action=…&…`.
    func console(_ parameters: [String: String]) async throws {
        let query = parameters.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.value)" }
            .joined(separator: "&")
        let path = "/_emulator/console?" + query
        let response = try await Products.transport.send(method: "POST", url: url + path, headers: [:], body: [], timeout: 30)
        guard response.status == 200 else { throw EmulatorProcessError.status(path, response.status) }
    }

    private func get(_ path: String) async throws -> Data {
        let response = try await Products.transport.send(method: "GET", url: url + path, headers: [:], body: [], timeout: 30)
        guard response.status == 200 else { throw EmulatorProcessError.status(path, response.status) }
        return Data(response.body)
    }
}

/// The counters of `/_emulator/stats`.
struct EmulatorStats: Decodable {
    var calls: [String: Int]
    var totalCalls: Int
    var listCalls: Int
    var faults: [String: Int]
    var rejected: [String: Int]

    func count(_ action: String) -> Int { calls[action, default: 0] }
}

enum EmulatorProcessError: Error, CustomStringConvertible {
    case unexpectedFirstLine(String)
    case exited(Int32, String)
    case noURL
    case status(String, Int)

    var description: String {
        switch self {
        case .unexpectedFirstLine(let line): "the emulator's first line was \(line)"
        case .exited(let status, let errors): "the emulator exited with \(status): \(errors)"
        case .noURL: "the emulator printed no URL within 60 s"
        case .status(let path, let status): "\(path) answered \(status)"
        }
    }
}
