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
        var secrets = ResolvedSecrets()
        var diagnostics: [Diagnostic] = []
        func resolve<O>(_ reference: SecretReference?, slot: SecretSlot, in object: Declared<O>) {
            guard let reference else { return }
            let location = object.location(slot.sourcePath)
            switch value(of: reference) {
            case .success(let value):
                if let problem = slot.kind.problem(with: value) {
                    diagnostics.append(.error("the \(slot.kind.displayName) from \(reference) \(problem)",
                                              hint: "change the value behind \(reference)", address: slot.address.description, at: location))
                } else {
                    secrets[slot] = value
                }
            case .failure(let failure):
                diagnostics.append(.error("\(slot): \(failure.message)", hint: failure.hint, address: slot.address.description, at: location))
            }
        }
        for gateway in model.customerGateways {
            resolve(gateway.value.bgpAuthKey, slot: .bgpAuthKey(gateway: gateway.value.name), in: gateway)
        }
        for connection in model.connections {
            for (index, tunnel) in connection.value.tunnels.enumerated() {
                resolve(tunnel.preSharedKey, slot: .preSharedKey(connection: connection.value.name, tunnel: index), in: connection)
            }
        }
        return Result(secrets: secrets, diagnostics: diagnostics)
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
