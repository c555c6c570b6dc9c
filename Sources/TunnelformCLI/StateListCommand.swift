import ArgumentParser
import TunnelformCore

/// `tunnelform state list`: every address the state records, one per line.
struct StateListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Print every address the state records, one per line, with its cloud id.",
        discussion: "Example:\n  tunnelform state list")

    @Flag(help: "Print without colour.") var noColor = false

    func run() async throws {
        let file = try StateFile(noColor: noColor)
        let state = try await file.read()
        for address in state.addresses {
            let resource = state[address]
            let id = resource?.connection?.id ?? resource?.customerGateway?.id
            let deposed = resource.map { $0.deposed.isEmpty ? "" : " (\($0.deposed.count) deposed)" } ?? ""
            file.console.out("\(address)" + (id.map { "  \($0)" } ?? "") + deposed)
        }
    }
}
