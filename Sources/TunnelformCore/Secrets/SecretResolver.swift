import Foundation

/// Reads every secret reference of the model: environment variables and files relative to the
/// manifest. Errors name the reference and the slot, never a value.
public struct SecretResolver: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public struct Result: Sendable {
        public var secrets: ResolvedSecrets
        public var diagnostics: [Diagnostic]
    }

    public func resolve(_ model: DesiredModel) -> Result {
        let written = Self.references(in: model)
        // Reading thousands of key files one after another is slow, so the values are read on every core;
        // the diagnostics are then made in model order, as if read one by one.
        let values = Concurrently.map(written.count) { index in value(of: written[index].reference) }
        var secrets = ResolvedSecrets()
        var diagnostics: [Diagnostic] = []
        for (reference, value) in zip(written, values) {
            let slot = reference.slot
            switch value {
            case .success(let value):
                if let problem = slot.kind.problem(with: value) {
                    diagnostics.append(.error("the \(slot.kind.displayName) from \(reference.reference) \(problem)",
                                              hint: "change the value behind \(reference.reference)", address: slot.address.description,
                                              at: reference.location))
                } else {
                    secrets[slot] = value
                }
            case .failure(let failure):
                diagnostics.append(.error("\(slot): \(failure.message)", hint: failure.hint, address: slot.address.description,
                                          at: reference.location))
            }
        }
        return Result(secrets: secrets, diagnostics: diagnostics)
    }

    /// A secret reference as written in a manifest.
    private struct WrittenReference: Sendable {
        var slot: SecretSlot
        var reference: SecretReference
        /// The document it is written in.
        var document: YAMLNode

        var location: SourceLocation { document.location(of: slot.sourcePath) }
    }

    /// Every secret reference of the model, gateways first, each in model order.
    private static func references(in model: DesiredModel) -> [WrittenReference] {
        var written: [WrittenReference] = []
        for gateway in model.customerGateways {
            guard let reference = gateway.value.bgpAuthKey else { continue }
            written.append(WrittenReference(slot: .bgpAuthKey(gateway: gateway.value.name), reference: reference, document: gateway.node))
        }
        for connection in model.connections {
            for (index, tunnel) in connection.value.tunnels.enumerated() {
                guard let reference = tunnel.preSharedKey else { continue }
                written.append(WrittenReference(slot: .preSharedKey(connection: connection.value.name, tunnel: index),
                                                reference: reference, document: connection.node))
            }
        }
        return written
    }

    public struct Failure: Error, Sendable {
        public var message: String
        public var hint: String
    }

    /// The value behind one reference; a file's trailing newline is stripped.
    public func value(of reference: SecretReference) -> Swift.Result<String, Failure> {
        switch reference {
        case .literal(let value):
            return .success(value)
        case .env(let name):
            guard let value = environment[name], !value.isEmpty else {
                return .failure(Failure(message: "{env: \(name)} is not set", hint: "export \(name) before running tunnelform"))
            }
            return .success(value)
        case .file(let path, let base):
            let full = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: full) else {
                return .failure(Failure(message: "{file: \(path)} cannot be read (looked at \(full))",
                                        hint: "create the file, or fix the path; it is relative to the manifest"))
            }
            guard var text = String(data: data, encoding: .utf8) else {
                return .failure(Failure(message: "{file: \(path)} is not UTF-8 text", hint: "write the key as plain text"))
            }
            // "\r\n" is one Character in Swift, so one removal strips either line ending.
            if text.last == "\n" || text.last == "\r\n" { text.removeLast() }
            return .success(text)
        }
    }
}
