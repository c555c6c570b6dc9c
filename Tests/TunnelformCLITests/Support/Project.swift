import Foundation
import TunnelformTestSupport

/// A temporary project folder with the example manifests, driven through the `tunnelform` binary.
struct Project {
    let folder: URL
    var environment: [String: String] = [:]
    /// Every stdout and stderr the binary printed, for the secrets check.
    private(set) var transcript = ""

    init() throws {
        folder = try BinaryRunner.temporaryFolder()
        try BinaryRunner.copyExamples(to: folder)
    }

    @discardableResult
    mutating func run(_ arguments: String...) throws -> BinaryRunner.Outcome {
        let outcome = try BinaryRunner(directory: folder, environment: environment).run(arguments)
        transcript += outcome.stdout + outcome.stderr
        return outcome
    }

    /// `run` with an argument array.
    @discardableResult
    mutating func runner(_ arguments: [String]) throws -> BinaryRunner.Outcome {
        let outcome = try BinaryRunner(directory: folder, environment: environment).run(arguments)
        transcript += outcome.stdout + outcome.stderr
        return outcome
    }

    @discardableResult
    mutating func run(_ arguments: [String]) throws -> BinaryRunner.Outcome { try runner(arguments) }

    /// Starts the binary without waiting for it, for tests that signal it mid-run; stderr goes to
    /// `stderr` when given, nowhere otherwise.
    func launch(_ arguments: [String], stderr: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = BinaryRunner.productsFolder.appendingPathComponent("tunnelform")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }.merging(["NO_COLOR": "1"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    func url(_ path: String) -> URL { folder.appendingPathComponent(path) }

    func read(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

    func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url(path), atomically: true, encoding: .utf8)
    }

    /// Replaces the first occurrence of `old` in the file at `path`.
    func edit(_ path: String, _ old: String, _ new: String) throws {
        var text = try read(path)
        guard let range = text.range(of: old) else { throw ProjectError.missing(old, path) }
        text.replaceSubrange(range, with: new)
        try write(path, text)
    }

    enum ProjectError: Error { case missing(String, String) }

    /// The simulated cloud's customer gateways and connections as (id, name), and every tunnel key it holds.
    func cloudObjects() throws -> (gateways: [(id: String, name: String)], connections: [(id: String, name: String)], keys: [String]) {
        guard let data = FileManager.default.contents(atPath: url(".tunnelform/simulated-cloud.json").path) else { return ([], [], []) }
        var gateways: [(id: String, name: String)] = [], connections: [(id: String, name: String)] = [], keys: [String] = []
        func walk(_ value: Any) {
            if let dictionary = value as? [String: Any] {
                if let id = dictionary["id"] as? String, let name = dictionary["name"] as? String {
                    if id.hasPrefix("cgw-") { gateways.append((id, name)) }
                    if id.hasPrefix("vco-") { connections.append((id, name)) }
                }
                if let key = dictionary["preSharedKey"] as? String { keys.append(key) }
                dictionary.values.forEach(walk)
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(try JSONSerialization.jsonObject(with: data))
        return (gateways, connections, keys)
    }
}
