import ArgumentParser
import Foundation
import TunnelformBench

/// `tunnelform-bench`: writes projects of any size for `Benchmarks/run`.
@main
struct TunnelformBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tunnelform-bench",
        abstract: "Generate Tunnelform projects for benchmarks.",
        subcommands: [Generate.self, Decode.self]
    )
}

/// `tunnelform-bench generate --connections N --out DIR [--applied]`.
struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a realistic project of N connections over N customer gateways.",
        discussion: """
            Writes DIR/tunnelform.yaml and DIR/manifests/<region>/part-NNN.yaml with key files under
            DIR/manifests/<region>/keys/. With --applied, also applies the project to an in-memory
            simulated cloud through the real apply engine and writes DIR/tunnelform.state.json,
            DIR/.tunnelform/simulated-cloud.json and the local secret verification cache, so that
            `tunnelform plan` in DIR finds nothing to do.

            Example:
              tunnelform-bench generate --connections 1000 --out /tmp/bench-1k --applied
            """
    )

    @Option(help: "How many connections (and customer gateways).") var connections: Int
    @Option(help: "The project folder to write.") var out: String
    @Flag(help: "Also write the applied state and simulated cloud (the no-change case).") var applied = false
    @Option(help: "Percentage of connections whose tunnels have {file: …} pre-shared keys.") var keyedPercent = 10
    @Option(help: "Percentage of customer gateways with a {file: …} BGP auth key.") var authKeyPercent = 5
    @Option(help: "Connections per manifest file.") var perFile = 250

    func validate() throws {
        guard connections > 0 else { throw ValidationError("--connections must be positive") }
        guard (0...100).contains(keyedPercent), (0...100).contains(authKeyPercent) else {
            throw ValidationError("percentages are 0–100")
        }
    }

    func run() async throws {
        let generator = ProjectGenerator(connections: connections, keyedPercent: keyedPercent,
                                         authKeyPercent: authKeyPercent, connectionsPerFile: perFile)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for stale in ["tunnelform.state.json", ".tunnelform"] {
            try? FileManager.default.removeItem(atPath: (out as NSString).appendingPathComponent(stale))
        }
        let written = try generator.write(to: out)
        FileHandle.standardError.write(Data("Wrote \(connections) connection(s) in \(written.manifestFiles) file(s) and \(written.keyFiles) key file(s) to \(out).\n".utf8))
        guard applied else { return }
        guard FileManager.default.changeCurrentDirectoryPath(out) else { throw ValidationError("cannot enter \(out)") }
        let summary = try await AppliedProjectBuilder().build()
        FileHandle.standardError.write(Data("Applied \(summary.operations) operation(s) in \(summary.regions) region(s); \(summary.digests) secret digest(s).\n".utf8))
    }
}

/// `tunnelform-bench decode [--runs N]`: the state file through `JSONDecoder` and `JSONTapeDecoder`.
struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time reading the state file with JSONDecoder and with JSONTapeDecoder, in a project folder.",
        discussion: "Run it in a project written by `generate --applied`. Prints medians and their ratio, and whether both decoded the same state."
    )

    @Option(help: "Alternating runs of each decoder.") var runs = 5

    func run() throws {
        let report = try DecodeBenchmark(runs: runs).run()
        print(report)
        guard report.sameValue else { throw ExitCode.failure }
    }
}
