import ArgumentParser
import TunnelformCore

/// `tunnelform state show ADDR`: one record as the state holds it (digests, never keys).
struct StateShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print one record of the state as canonical JSON.",
        discussion: "Keys appear only as the salted digests the state holds.\n\nExample:\n  tunnelform state show VpnConnection/shanghai-dc")

    @Argument(help: "The address (Kind/name).") var address: String
    @Flag(help: "Print without colour.") var noColor = false

    func run() async throws {
        let file = try StateFile(noColor: noColor)
        let address = try file.address(address)
        let state = try await file.read()
        guard let resource = state[address] else {
            let hint = Suggestion.hint(for: address.description, in: state.addresses.map(\.description)) ?? "tunnelform state list shows what is"
            throw CommandError("\(address) is not in the state (\(hint))")
        }
        file.console.out(String(try CanonicalJSON.string(resource).dropLast()))
    }
}
