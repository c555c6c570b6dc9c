import ArgumentParser
import Foundation

/// The `tunnelform` command: declarative IPsec-VPN connections on CEN transit routers.
@available(macOS 10.15, *)
public struct TunnelformCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tunnelform",
        abstract: "Declarative Alibaba Cloud IPsec-VPN connections (dual tunnel, CEN transit routers).",
        discussion: """
            Write manifests under manifests/, then:
              tunnelform validate      check them offline
              tunnelform plan          see what would change
              tunnelform apply         make it so
            """,
        version: "0.1.0",
        subcommands: [InitCommand.self, ValidateCommand.self, PlanCommand.self, ApplyCommand.self, DestroyCommand.self, ImportCommand.self, StateCommand.self, ShowCommand.self, DeviceConfigCommand.self, LabCommand.self, GraphCommand.self, SchemaCommand.self, ForceUnlockCommand.self]
    )

    public init() {}

    /// Parses, runs the command, and renders an error in one place (`ErrorView`). Exits without
    /// freeing what the command kept (`Retained`); the console does not buffer, so nothing is lost.
    public static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            guard let code = ErrorView.render(error, console: Console(noColor: CommandLine.arguments.contains("--no-color"))) else {
                exit(withError: error)
            }
            Foundation.exit(code)
        }
        Foundation.exit(0)
    }
}
