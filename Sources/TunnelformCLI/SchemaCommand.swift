import ArgumentParser
import TunnelformCore

/// `tunnelform schema`: the JSON Schema of the manifest format, for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft-07) of the manifest format.",
        discussion: """
            Generated from the same definitions the decoder uses. Point editors at it with a first line
            '# yaml-language-server: $schema=../tunnelform.schema.json' in each manifest.

            Example:
              tunnelform schema > tunnelform.schema.json
            """
    )

    @Flag(help: "Print without colour (the schema has none; accepted like on every command).") var noColor = false

    func run() throws {
        Console(noColor: true).out(String(try CanonicalJSON.string(JSONSchemaGenerator.schema()).dropLast()))
    }
}
