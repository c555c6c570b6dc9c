import Foundation

/// Runs the built `tunnelform` binaries as a user would, capturing exit status and output.
struct BinaryRunner {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The process id the run had, to look for what it left behind.
        var pid: pid_t = 0
        var all: String { stdout + stderr }
    }

    /// The folder holding the built products: the one the test bundle runs from.
    static let productsFolder: URL = {
        if let override = ProcessInfo.processInfo.environment["TUNNELFORM_PRODUCTS"] {
            return URL(fileURLWithPath: override)
        }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("tunnelform").path) { return url }
        }
        return URL(fileURLWithPath: ".build/debug")
    }()

    /// The package root, for the example manifests and the committed schema.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    var executable = "tunnelform"
    var directory: URL
    var environment: [String: String] = [:]

    /// Runs the binary with `arguments`; `NO_COLOR` is set so output is plain.
    func run(_ arguments: [String], input: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.productsFolder.appendingPathComponent(executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self), pid: process.processIdentifier)
    }

    /// A new empty temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tf-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Copies the example manifests into `folder/manifests`.
    static func copyExamples(to folder: URL) throws {
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("manifests"),
                                         to: folder.appendingPathComponent("manifests"))
    }
}
