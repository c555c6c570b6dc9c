/// Why `import` refused to adopt an object. Nothing was written.
public enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The id's prefix names no object `import` adopts.
    case unknownId(String)
    /// The id names another kind of object than the address.
    case wrongKind(id: String, idKind: String, address: ResourceAddress)
    case alreadyInState(ResourceAddress, id: String)
    /// The cloud id is already managed under another address.
    case managedElsewhere(id: String, address: ResourceAddress)
    case notFound(id: String, region: String)

    public var description: String {
        switch self {
        case .unknownId(let id):
            "\(id) is not a customer gateway id (cgw-…) or an IPsec connection id (vco-…)"
        case .wrongKind(let id, let idKind, let address):
            "\(id) is \(idKind), but \(address) is \(Self.expected(address.kind))"
        case .alreadyInState(let address, let id):
            "\(address) is already in the state (as \(id)); forget it first with tunnelform state rm \(address), or import under another address"
        case .managedElsewhere(let id, let address):
            "\(id) is already in the state as \(address); one cloud object can have only one address"
        case .notFound(let id, let region):
            "the provider has no \(Self.noun(id)) \(id) in \(region)"
        }
    }

    static func expected(_ kind: ResourceAddress.Kind) -> String {
        switch kind {
        case .customerGateway: "a customer gateway: import it with its cgw-… id"
        case .vpnConnection: "an IPsec connection: import it with its vco-… id"
        }
    }

    static func noun(_ id: String) -> String {
        ImportedId.kind(of: id).map { $0 == .customerGateway ? "customer gateway" : "IPsec connection" } ?? "object"
    }
}

/// What a cloud id's prefix says it is.
public enum ImportedId {
    public static func kind(of id: String) -> ResourceAddress.Kind? {
        if id.hasPrefix("cgw-") { return .customerGateway }
        if id.hasPrefix("vco-") { return .vpnConnection }
        return nil
    }

    /// How an id of another kind is named in errors.
    static func describe(_ id: String) -> String {
        for (prefix, name) in [("cgw-", "a customer gateway id"), ("vco-", "an IPsec connection id"), ("tun-", "a tunnel id (import its connection, vco-…)"),
                               ("tr-attach-", "a transit router attachment id (import its connection, vco-…)"), ("cen-", "a CEN instance id"),
                               ("vtb-", "a route table id"), ("tr-", "a transit router id")] where id.hasPrefix(prefix) {
            return name
        }
        return "not an id import understands"
    }
}
