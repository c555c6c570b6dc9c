import TunnelformCore
import TunnelformSimulator

/// `POST /_emulator/console?action=A&region=R&…`: the changes a user makes in the console, outside
/// Tunnelform, for drift tests against the real provider. Each maps onto one of the simulated
/// cloud's `console…` methods, so the cloud's rules apply; none is counted as an API call.
///
/// | action | parameters |
/// | --- | --- |
/// | `modifyTunnel` | `connectionId`, `tunnel` (1 or 2), any of `preSharedKey`, `ikeEncryption`, `ipsecEncryption`, `dpd`, `localAsn` |
/// | `modifyConnection` | `connectionId`, any of `name`, `effectImmediately` |
/// | `modifyCustomerGateway` | `id`, any of `name`, `description` |
/// | `deleteConnection`, `deleteCustomerGateway` | `id` |
/// | `detach` | `attachmentId` |
/// | `setPropagation` | `attachmentId`, `enabled` |
/// | `revokeGrants` | `connectionId` |
extension Emulator {
    func consoleResponse(_ request: WireRequest) async -> WireResponse {
        guard request.method == "POST" else { return .json(["error": "use POST"], status: 405) }
        do throws(CloudError) {
            try await console(request.query)
            await persist()
            return .json(["done": true], status: 200)
        } catch {
            return .json(["Code": .string(error.code), "Message": .string(error.message)], status: error.httpStatus ?? 400)
        }
    }

    private func console(_ query: [String: String]) async throws(CloudError) {
        func required(_ name: String) throws(CloudError) -> String {
            guard let value = query[name], !value.isEmpty else { throw .missing(name) }
            return value
        }
        func word<Word: RawRepresentable<String>>(_ name: String, as type: Word.Type) throws(CloudError) -> Word? {
            guard let text = query[name] else { return nil }
            guard let value = Word(rawValue: text) else { throw .invalid(name, "\"\(text)\" is not a known value") }
            return value
        }
        func flag(_ name: String) throws(CloudError) -> Bool? {
            guard let text = query[name] else { return nil }
            guard let value = Bool(text) else { throw .invalid(name, "use true or false") }
            return value
        }
        let region = try required("region")
        switch try required("action") {
        case "modifyTunnel":
            guard let index = Int(try required("tunnel")) else { throw .invalid("tunnel", "use 1 or 2") }
            let key = query["preSharedKey"]
            let ike = try word("ikeEncryption", as: EncryptionAlgorithm.self)
            let ipsec = try word("ipsecEncryption", as: EncryptionAlgorithm.self)
            let dpd = try flag("dpd")
            let asnText = query["localAsn"]
            let localAsn = asnText.flatMap(ASN.init(parsing:))
            if asnText != nil, localAsn == nil { throw .invalid("localAsn", "use 1 to 4294967295") }
            try await cloud.consoleModifyTunnel(region: region, connectionId: try required("connectionId"), index: index) { tunnel in
                if let key { tunnel.preSharedKey = key }
                if let ike { tunnel.ike.encryption = ike }
                if let ipsec { tunnel.ipsec.encryption = ipsec }
                if let dpd { tunnel.dpd = dpd }
                if let localAsn { tunnel.localAsn = localAsn }
            }
        case "modifyConnection":
            let name = query["name"]
            let immediately = try flag("effectImmediately")
            try await cloud.consoleModifyConnection(region: region, connectionId: try required("connectionId")) { connection in
                if let name { connection.name = name }
                if let immediately { connection.effectImmediately = immediately }
            }
        case "modifyCustomerGateway":
            let name = query["name"]
            let description = query["description"]
            try await cloud.consoleModifyCustomerGateway(region: region, id: try required("id")) { gateway in
                if let name { gateway.name = name }
                if let description { gateway.description = description }
            }
        case "deleteConnection":
            try await cloud.consoleDeleteConnection(region: region, id: try required("id"))
        case "deleteCustomerGateway":
            try await cloud.consoleDeleteCustomerGateway(region: region, id: try required("id"))
        case "detach":
            try await cloud.consoleDetach(region: region, attachmentId: try required("attachmentId"))
        case "setPropagation":
            guard let enabled = try flag("enabled") else { throw .missing("enabled") }
            try await cloud.consoleSetPropagation(region: region, attachmentId: try required("attachmentId"), enabled: enabled)
        case "revokeGrants":
            try await cloud.consoleRevokeGrants(region: region, connectionId: try required("connectionId"))
        case let other:
            throw .invalid("action", "\"\(other)\" is not a console action")
        }
    }
}
