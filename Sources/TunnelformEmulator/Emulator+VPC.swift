import TunnelformCore
import TunnelformSimulator

/// VPC 2016-04-28: customer gateways and dual-tunnel IPsec-VPN connections (`alibaba-api.md` §3.1–3.10).
extension Emulator {
    func createCustomerGateway(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let region = call.parameters.string("RegionId") ?? ""
        let spec = try WireDecoder.customerGatewaySpec(call.parameters)
        let response = try await execute(.createCustomerGateway(region: region, spec), call)
        let id = response.createdId ?? ""
        let gateway = await cloud.customerGateway(region: region, id: id)
        return [
            "RequestId": .string(response.requestId ?? call.requestId), "CustomerGatewayId": .string(id),
            "IpAddress": .string(spec.ipAddress.description), "Name": .string(gateway?.name ?? spec.name),
            "Description": .string(gateway?.description ?? spec.description ?? ""), "CreateTime": .integer(gateway?.createTime ?? 0),
        ]
    }

    func describeCustomerGateways(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let region = try WireDecoder.required(call.parameters, "RegionId")
        var gateways = await cloud.inventory(region: region).customerGateways
        if let id = call.parameters.string("CustomerGatewayId") { gateways = gateways.filter { $0.id == id } }
        let page = try Pagination.byNumber(call.parameters, gateways)
        return page.members.merging([
            "CustomerGateways": .object(["CustomerGateway": .array(page.items.map { .object(WireView.customerGateway($0)) })]),
        ]) { first, _ in first }
    }

    func describeCustomerGateway(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let region = try WireDecoder.required(call.parameters, "RegionId")
        let id = try WireDecoder.required(call.parameters, "CustomerGatewayId")
        guard let gateway = await cloud.customerGateway(region: region, id: id) else { throw CloudError.customerGatewayNotFound(id) }
        return WireView.customerGateway(gateway)
    }

    func modifyCustomerGateway(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let region = call.parameters.string("RegionId") ?? ""
        let id = try WireDecoder.required(call.parameters, "CustomerGatewayId")
        guard let current = await cloud.customerGateway(region: region, id: id) else { throw CloudError.customerGatewayNotFound(id) }
        let spec = WireDecoder.modifiedCustomerGateway(call.parameters, current: current)
        let response = try await execute(.modifyCustomerGateway(region: region, id: id, spec), call)
        let gateway = await cloud.customerGateway(region: region, id: id) ?? current
        return [
            "RequestId": .string(response.requestId ?? call.requestId), "CustomerGatewayId": .string(id),
            "IpAddress": .string(gateway.ipAddress.description), "Name": .string(gateway.name),
            "Description": .string(gateway.description ?? ""), "CreateTime": .integer(gateway.createTime), "ResourceGroupId": .string(""),
        ]
    }

    func deleteCustomerGateway(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let id = try WireDecoder.required(call.parameters, "CustomerGatewayId")
        let response = try await execute(.deleteCustomerGateway(region: call.parameters.string("RegionId") ?? "", id: id), call)
        return ["RequestId": .string(response.requestId ?? call.requestId)]
    }

    func createConnection(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let region = call.parameters.string("RegionId") ?? ""
        let spec = try WireDecoder.connectionSpec(call.parameters)
        let response = try await execute(.createConnection(region: region, spec), call)
        let id = response.createdId ?? ""
        let connection = await cloud.connection(region: region, id: id)
        return [
            "RequestId": .string(response.requestId ?? call.requestId), "VpnConnectionId": .string(id),
            "Name": .string(connection?.name ?? spec.name), "CreateTime": .integer(connection?.createTime ?? 0),
            "Code": .string("200"), "Success": .bool(true), "Message": .string("successful"),
        ]
    }

    func describeConnection(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let region = try WireDecoder.required(call.parameters, "RegionId")
        let id = try WireDecoder.required(call.parameters, "VpnConnectionId")
        guard let connection = await cloud.connection(region: region, id: id) else { throw CloudError.connectionNotFound(id) }
        return WireView.connection(connection, gateways: await gateways(of: connection, region: region), tagWrapper: "Tags")
    }

    func describeConnections(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let region = try WireDecoder.required(call.parameters, "RegionId")
        let inventory = await cloud.inventory(region: region)
        var connections = inventory.connections
        if let id = call.parameters.string("VpnConnectionId") { connections = connections.filter { $0.id == id } }
        if let gateway = call.parameters.string("CustomerGatewayId") {
            connections = connections.filter { $0.tunnels.contains { $0.customerGatewayId == gateway } }
        }
        let gateways = Dictionary(inventory.customerGateways.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let page = try Pagination.byNumber(call.parameters, connections)
        let items = page.items.map { JSONValue.object(WireView.connection($0, gateways: gateways, tagWrapper: "Tag")) }
        return page.members.merging(["VpnConnections": .object(["VpnConnection": .array(items)])]) { first, _ in first }
    }

    func modifyConnection(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let region = call.parameters.string("RegionId") ?? ""
        let id = try WireDecoder.required(call.parameters, "VpnConnectionId")
        guard let current = await cloud.connection(region: region, id: id) else { throw CloudError.connectionNotFound(id) }
        let spec = try WireDecoder.modifiedConnectionSpec(call.parameters, current: current)
        let response = try await execute(.modifyConnection(region: region, id: id, spec), call)
        let connection = await cloud.connection(region: region, id: id) ?? current
        var members = WireView.modifiedConnection(connection, gateways: await gateways(of: connection, region: region))
        members["RequestId"] = .string(response.requestId ?? call.requestId)
        return members
    }

    func deleteConnection(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let id = try WireDecoder.required(call.parameters, "VpnConnectionId")
        let response = try await execute(.deleteConnection(region: call.parameters.string("RegionId") ?? "", id: id), call)
        return ["RequestId": .string(response.requestId ?? call.requestId), "Code": .string("200"), "Success": .bool(true),
                "Message": .string("successful")]
    }

    func describeGrants(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let region = try WireDecoder.required(call.parameters, "RegionId")
        let id = try WireDecoder.required(call.parameters, "VpnConnectionId")
        let inventory = await cloud.inventory(region: region)
        guard inventory.connection(id) != nil else { throw CloudError.connectionNotFound(id) }
        let grants = inventory.grants.filter { $0.vpnId == id }
        let page = try Pagination.byNumber(call.parameters, grants)
        return page.members.merging([
            "CrossAccountAuthorizations": .array(page.items.map { .object(WireView.grant($0, ownerId: configuration.accountId)) }),
        ]) { first, _ in first }
    }

    /// The customer side's configuration: `Local` is the customer gateway, `Remote` the cloud's tunnel address.
    func downloadConfig(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let region = try WireDecoder.required(call.parameters, "RegionId")
        let id = try WireDecoder.required(call.parameters, "VpnConnectionId")
        guard let connection = await cloud.connection(region: region, id: id) else { throw CloudError.connectionNotFound(id) }
        let gateways = await gateways(of: connection, region: region)
        var tunnels: [JSONValue] = []
        var bgpConfigs: [JSONValue] = []
        for tunnel in connection.tunnels {
            let local = gateways[tunnel.customerGatewayId]?.ipAddress.description ?? ""
            let remote = tunnel.gatewayIp?.description ?? ""
            tunnels.append(.object([
                "TunnelId": .string(tunnel.id), "Local": .string(local), "Remote": .string(remote),
                "IkeConfig": .object([
                    "Psk": .string(tunnel.preSharedKey), "IkeVersion": .string(tunnel.ike.version.rawValue),
                    "IkeMode": .string(tunnel.ike.mode.rawValue), "IkeEncAlg": .string(tunnel.ike.encryption.rawValue),
                    "IkeAuthAlg": .string(tunnel.ike.authentication.rawValue), "IkePfs": .string(tunnel.ike.dhGroup.rawValue),
                    "IkeLifetime": .integer(Int64(tunnel.ike.lifetime)), "LocalId": .string(tunnel.ike.remoteId ?? local),
                    "RemoteId": .string(tunnel.ike.localId ?? remote),
                ]),
                "IpsecConfig": .object([
                    "IpsecEncAlg": .string(tunnel.ipsec.encryption.rawValue), "IpsecAuthAlg": .string(tunnel.ipsec.authentication.rawValue),
                    "IpsecPfs": .string(tunnel.ipsec.dhGroup.rawValue), "IpsecLifetime": .integer(Int64(tunnel.ipsec.lifetime)),
                ]),
            ]))
            if connection.enableTunnelsBgp, let bgp = tunnel.bgp {
                var item: [String: JSONValue] = [
                    "TunnelId": .string(tunnel.id), "TunnelCidr": .string(bgp.tunnelCidr.description),
                    "LocalBgpIp": .string(WireView.peerAddress(of: bgp)?.description ?? ""), "PeerBgpIp": .string(bgp.localIp.description),
                ]
                if let asn = gateways[tunnel.customerGatewayId]?.asn { item["LocalAsn"] = .string(asn.description) }
                item["PeerAsn"] = .string((tunnel.localAsn ?? .cloudDefault).description)
                bgpConfigs.append(.object(item))
            }
        }
        let first = tunnels.first
        return ["VpnConnectionConfig": .object([
            "Local": first?["Local"] ?? .string(""), "Remote": first?["Remote"] ?? .string(""),
            "LocalSubnet": .string(connection.remoteSubnets.map(\.description).joined(separator: ",")),
            "RemoteSubnet": .string(connection.localSubnets.map(\.description).joined(separator: ",")),
            "IkeConfig": first?["IkeConfig"] ?? .object([:]), "IpsecConfig": first?["IpsecConfig"] ?? .object([:]),
            "TunnelsConfig": .object(["TunnelConfig": .array(tunnels)]), "BgpConfigs": .object(["BgpConfig": .array(bgpConfigs)]),
        ])]
    }

    /// The customer gateways a connection's tunnels use, for peer ASNs and addresses.
    func gateways(of connection: CloudConnection, region: String) async -> [String: CloudCustomerGateway] {
        var gateways: [String: CloudCustomerGateway] = [:]
        for id in Set(connection.tunnels.map(\.customerGatewayId)) {
            gateways[id] = await cloud.customerGateway(region: region, id: id)
        }
        return gateways
    }
}
