import Foundation
import Testing
import TunnelformCore

/// One suite, two providers: every test body runs unchanged against `SimulatedProvider` and against
/// `AlibabaProvider` talking to a real `tunnelform-emulator` process, so the wire path (signing,
/// flattening, parsing, status words) must give exactly what the in-process model gives.
@Suite("CloudProvider conformance: simulated and Alibaba over the emulator")
struct ProviderConformanceTests {
    typealias F = ConformanceFixtures

    // Route-table links are compared as pending or settled only: the simulated provider words a change
    // in progress `Pending`/`Removing`, the API (and so the Alibaba provider) `Associating`/`Enabling`/….

    @Test(arguments: ProviderKind.allCases)
    func lifecycleInOrder(_ kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind) { cloud in
            let region = F.region
            let edge1 = try await cloud.create(.createCustomerGateway(region: region, F.gateway("edge-1", ip: "203.0.113.10", authKey: "bgp-key-1",
                                                                                               tags: ["team": "network"])))
            let edge2 = try await cloud.create(.createCustomerGateway(region: region, F.gateway("edge-2", ip: "203.0.113.11")))
            let vco = try await cloud.create(.createConnection(region: region, F.connection("dc", gateways: [edge1, edge2])))

            var inventory = try await cloud.observe(region: region)
            #expect(inventory.customerGateways.map(\.id).sorted() == [edge1, edge2].sorted())
            let gateway = try #require(inventory.customerGateway(edge1))
            #expect(gateway.ipAddress.description == "203.0.113.10")
            #expect(gateway.asn == ASN(65010))
            #expect(gateway.authKey == "bgp-key-1")
            #expect(gateway.tags == ["team": "network"])
            let created = try #require(inventory.connection(vco))
            #expect(created.state == .`init`)
            #expect(created.tunnels.map(\.index) == [1, 2])
            #expect(created.tunnels.allSatisfy { $0.gatewayIp == nil && $0.id.hasPrefix("tun-") })
            #expect(created.tunnels[0].preSharedKey == "psk-tunnel-one-1")
            #expect(created.tunnels[1].preSharedKey.count == 16)
            #expect(created.tunnels[0].natTraversal && !created.tunnels[1].natTraversal)
            #expect(created.tags == ["site": "conformance"])
            #expect(created.createTime > 0)

            let attachment = try await cloud.create(.createTransitRouterAttachment(region: region, connectionId: vco, cenId: F.cenId,
                                                                                   autoPublishRoutes: true))
            #expect(attachment.hasPrefix("tr-attach-"))
            #expect(try await cloud.status(of: .transitRouterAttachment(region: region, id: attachment)) == .pending("Attaching"))
            #expect(try await cloud.status(of: .connection(region: region, id: vco)) == .pending("attaching"))
            #expect(try await cloud.settle(.transitRouterAttachment(region: region, id: attachment)) == .settled("Attached"))
            #expect(try await cloud.settle(.connection(region: region, id: vco)) == .settled("attached"))

            _ = try await cloud.execute(.associateDefaultRouteTable(region: region, attachmentId: attachment), idempotencyToken: "tf-assoc")
            #expect(try await cloud.status(of: .routeTableAssociation(region: region, attachmentId: attachment)).isPending)
            #expect(try await cloud.settle(.routeTableAssociation(region: region, attachmentId: attachment)) == .settled("Active"))
            _ = try await cloud.execute(.enableDefaultRouteTablePropagation(region: region, attachmentId: attachment), idempotencyToken: "tf-prop")
            #expect(try await cloud.status(of: .routeTablePropagation(region: region, attachmentId: attachment)).isPending)
            #expect(try await cloud.settle(.routeTablePropagation(region: region, attachmentId: attachment)) == .settled("Active"))

            inventory = try await cloud.observe(region: region)
            let attached = try #require(inventory.connection(vco))
            #expect(attached.state == .attached)
            #expect(attached.cenId == F.cenId)
            #expect(attached.transitRouterId?.hasPrefix("tr-") == true)
            #expect(attached.tunnels.allSatisfy { $0.gatewayIp != nil && $0.status == .ipsecSAEstablished && $0.bgpStatus == "success" })
            #expect(attached.tunnels[0].ike.localId == attached.tunnels[0].gatewayIp?.description)
            #expect(attached.tunnels[0].ike.remoteId == "203.0.113.10")
            #expect(attached.tunnels[1].bgp?.tunnelCidr.description == "169.254.21.0/30")
            #expect(attached.tunnels.map(\.localAsn) == [.cloudDefault, .cloudDefault], "TunnelBgpConfig.LocalAsn is reported")
            #expect(inventory.transitRouterAttachments == [CloudTransitRouterAttachment(
                id: attachment, vpnId: vco, cenId: F.cenId, transitRouterId: attached.transitRouterId ?? "", status: .attached,
                autoPublishRouteEnabled: true)])
            #expect(inventory.routeTableAssociations.map(\.status) == [.active])
            #expect(inventory.routeTablePropagations.map(\.status) == [.active])
            #expect(inventory.routeTableAssociations.first?.routeTableId.hasPrefix("vtb-") == true)
            #expect(inventory.routeTableAssociations.first?.routeTableId == inventory.routeTablePropagations.first?.routeTableId)

            // Modify: both tunnels in one call; the connection goes updating and back. An IKE block with a key
            // keeps that key; one without (tunnel 2) gets a new random key, as the SDK's request model documents.
            let spec = F.connection("dc-renamed", gateways: [edge1, edge2], tunnelIds: attached.tunnels.map(\.id), encryption: .aes192)
            _ = try await cloud.execute(.modifyConnection(region: region, id: vco, spec), idempotencyToken: "tf-modify")
            #expect(try await cloud.status(of: .connection(region: region, id: vco)) == .pending("updating"))
            #expect(try await cloud.settle(.connection(region: region, id: vco)) == .settled("attached"))
            _ = try await cloud.execute(.updateTransitRouterAttachment(region: region, attachmentId: attachment, autoPublishRoutes: false),
                                        idempotencyToken: "tf-update")
            _ = try await cloud.execute(.modifyCustomerGateway(region: region, id: edge2, F.gateway("edge-2b", ip: "203.0.113.11")),
                                        idempotencyToken: "tf-modify-gw")
            inventory = try await cloud.observe(region: region)
            let modified = try #require(inventory.connection(vco))
            #expect(modified.name == "dc-renamed")
            #expect(modified.tunnels.allSatisfy { $0.ike.encryption == .aes192 && $0.ipsec.encryption == .aes192 })
            #expect(modified.tunnels[0].preSharedKey == "psk-tunnel-one-1")
            #expect(modified.tunnels[1].preSharedKey != attached.tunnels[1].preSharedKey && modified.tunnels[1].preSharedKey.count == 16)
            #expect(modified.tunnels.map(\.gatewayIp) == attached.tunnels.map(\.gatewayIp))
            #expect(inventory.transitRouterAttachments.first?.autoPublishRouteEnabled == false)
            #expect(inventory.customerGateway(edge2)?.name == "edge-2b")

            // Delete in reverse order, waiting for each asynchronous removal.
            _ = try await cloud.execute(.disableDefaultRouteTablePropagation(region: region, attachmentId: attachment), idempotencyToken: "tf-d1")
            #expect(try await cloud.status(of: .routeTablePropagation(region: region, attachmentId: attachment)).isPending)
            #expect(try await cloud.settle(.routeTablePropagation(region: region, attachmentId: attachment)) == .gone)
            _ = try await cloud.execute(.dissociateDefaultRouteTable(region: region, attachmentId: attachment), idempotencyToken: "tf-d2")
            #expect(try await cloud.status(of: .routeTableAssociation(region: region, attachmentId: attachment)).isPending)
            #expect(try await cloud.settle(.routeTableAssociation(region: region, attachmentId: attachment)) == .gone)
            _ = try await cloud.execute(.deleteTransitRouterAttachment(region: region, attachmentId: attachment), idempotencyToken: "tf-d3")
            #expect(try await cloud.status(of: .transitRouterAttachment(region: region, id: attachment)) == .pending("Detaching"))
            #expect(try await cloud.settle(.transitRouterAttachment(region: region, id: attachment)) == .gone)
            #expect(try await cloud.settle(.connection(region: region, id: vco)) == .settled("init"))
            inventory = try await cloud.observe(region: region)
            #expect(inventory.connection(vco)?.tunnels.allSatisfy { $0.gatewayIp == nil } == true)
            _ = try await cloud.execute(.deleteConnection(region: region, id: vco), idempotencyToken: "tf-d4")
            #expect(try await cloud.status(of: .connection(region: region, id: vco)) == .gone)
            _ = try await cloud.execute(.deleteCustomerGateway(region: region, id: edge1), idempotencyToken: "tf-d5")
            _ = try await cloud.execute(.deleteCustomerGateway(region: region, id: edge2), idempotencyToken: "tf-d6")
            #expect(try await cloud.observe(region: region) == CloudInventory(region: region))
        }
    }

    /// A modify carries tags and the resource group; over the API they take calls of their own.
    @Test(arguments: ProviderKind.allCases)
    func tagsAndResourceGroupChangeWithAModify(_ kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind) { cloud in
            let region = F.region
            let gateway = try await cloud.create(.createCustomerGateway(region: region, F.gateway("edge", ip: "203.0.113.50",
                                                                                                 tags: ["team": "network", "old": "x"])))
            let vco = try await cloud.create(.createConnection(region: region, F.connection("dc", gateways: [gateway])))
            let created = try #require(try await cloud.observe(region: region).connection(vco))
            _ = try await cloud.settle(.connection(region: region, id: vco))

            _ = try await cloud.execute(.modifyCustomerGateway(region: region, id: gateway, F.gateway("edge", ip: "203.0.113.50",
                                                                                                    tags: ["team": "netops", "new": "y"])),
                                        idempotencyToken: "tf-retag-gw")
            var spec = F.connection("dc", gateways: [gateway], tunnelIds: created.tunnels.map(\.id))
            spec.tags = ["owner": "alice"]
            spec.resourceGroupId = "rg-network"
            _ = try await cloud.execute(.modifyConnection(region: region, id: vco, spec), idempotencyToken: "tf-retag-vco")
            _ = try await cloud.settle(.connection(region: region, id: vco))

            let inventory = try await cloud.observe(region: region)
            #expect(inventory.customerGateway(gateway)?.tags == ["team": "netops", "new": "y"])
            #expect(inventory.connection(vco)?.tags == ["owner": "alice"])
            #expect(inventory.connection(vco)?.resourceGroupId == "rg-network")
        }
    }

    /// A modify that leaves a tunnel's IKE block out keeps that tunnel's IKE settings and key; what the apply
    /// engine sends for a tag or IPsec change (`ConnectionSpec.narrowed(against:)`).
    @Test(arguments: ProviderKind.allCases)
    func aModifyWithoutIKEBlocksKeepsEveryKey(_ kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind) { cloud in
            let region = F.region
            let gateway = try await cloud.create(.createCustomerGateway(region: region, F.gateway("edge", ip: "203.0.113.60")))
            let vco = try await cloud.create(.createConnection(region: region, F.connection("dc", gateways: [gateway])))
            _ = try await cloud.settle(.connection(region: region, id: vco))
            let created = try #require(try await cloud.connection(region: region, id: vco))
            var spec = F.connection("dc", gateways: [gateway], tunnelIds: created.tunnels.map(\.id), encryption: .aes192)
            spec = try spec.narrowed(against: created)
            #expect(spec.tunnels.allSatisfy { $0.ike != nil }, "the IKE encryption changes on both tunnels")
            #expect(spec.tunnels[1].preSharedKey == created.tunnels[1].preSharedKey, "sent with the key the cloud generated")
            _ = try await cloud.execute(.modifyConnection(region: region, id: vco, spec), idempotencyToken: "tf-ike")
            _ = try await cloud.settle(.connection(region: region, id: vco))
            var retagged = F.connection("dc", gateways: [gateway], tunnelIds: created.tunnels.map(\.id), encryption: .aes192)
            retagged.tags = ["site": "conformance", "owner": "netops"]
            let current = try #require(try await cloud.connection(region: region, id: vco))
            retagged = try retagged.narrowed(against: current)
            #expect(retagged.tunnels.allSatisfy { $0.ike == nil && $0.preSharedKey == nil }, "nothing of IKE changes: no block is sent")
            _ = try await cloud.execute(.modifyConnection(region: region, id: vco, retagged), idempotencyToken: "tf-tags")
            _ = try await cloud.settle(.connection(region: region, id: vco))
            let after = try #require(try await cloud.connection(region: region, id: vco))
            #expect(after.tunnels.map(\.preSharedKey) == created.tunnels.map(\.preSharedKey))
            #expect(after.tunnels.allSatisfy { $0.ike.encryption == .aes192 })
            #expect(after.tags == ["site": "conformance", "owner": "netops"])
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func crossAccountGrantAndRevoke(_ kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind) { cloud in
            let region = "cn-shanghai"
            let gateway = try await cloud.create(.createCustomerGateway(region: region, F.gateway("partner", ip: "198.51.100.20", asn: nil)))
            let vco = try await cloud.create(.createConnection(region: region, F.connection("partner-link", gateways: [gateway], bgp: false)))
            _ = try await cloud.execute(.grant(region: region, connectionId: vco, cenId: F.partnerCen, cenOwnerUid: F.partnerUid, payer: .cenOwner),
                                        idempotencyToken: "tf-grant")
            var inventory = try await cloud.observe(region: region)
            #expect(inventory.grants == [CloudGrant(vpnId: vco, cenId: F.partnerCen, cenOwnerUid: F.partnerUid, payer: .cenOwner)])
            #expect(inventory.connection(vco)?.crossAccountAuthorized == true)
            #expect(inventory.customerGateway(gateway)?.asn == nil)

            let busy = await cloud.failure(of: .deleteConnection(region: region, id: vco))
            #expect(busy?.code == "DependencyViolation.Grant")
            _ = try await cloud.execute(.revoke(region: region, connectionId: vco, cenId: F.partnerCen, cenOwnerUid: F.partnerUid),
                                        idempotencyToken: "tf-revoke")
            inventory = try await cloud.observe(region: region)
            #expect(inventory.grants.isEmpty)
            #expect(inventory.connection(vco)?.crossAccountAuthorized == false)
            _ = try await cloud.execute(.deleteConnection(region: region, id: vco), idempotencyToken: "tf-del-vco")
            _ = try await cloud.execute(.deleteCustomerGateway(region: region, id: gateway), idempotencyToken: "tf-del-cgw")
            #expect(try await cloud.observe(region: region).connections.isEmpty)
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func preconditionsFailWithTheCloudsCodes(_ kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind) { cloud in
            let region = F.region
            let gateway = try await cloud.create(.createCustomerGateway(region: region, F.gateway("edge", ip: "203.0.113.30")))

            let oneTunnel = await cloud.failure(of: .createConnection(region: region, F.connection("bad", gateways: [gateway], tunnels: 1)))
            #expect(oneTunnel?.code == "InvalidParameter")
            #expect(oneTunnel?.isRetryable == false)
            let reserved = await cloud.failure(of: .createCustomerGateway(region: region, F.gateway("bad", ip: "100.64.0.1")))
            #expect(reserved?.code == "InvalidParameter")
            let missing = await cloud.failure(of: .modifyConnection(region: region, id: "vco-doesnotexist0000000",
                                                                     F.connection("x", gateways: [gateway])))
            #expect(missing?.code == "InvalidVpnConnectionInstanceId.NotFound")
            #expect(missing?.isRetryable == false)

            let vco = try await cloud.create(.createConnection(region: region, F.connection("dc", gateways: [gateway])))
            let inUse = await cloud.failure(of: .deleteCustomerGateway(region: region, id: gateway))
            #expect(inUse?.code == "DependencyViolation.IpsecConnection")
            #expect(inUse?.isRetryable == false)
            let badCen = await cloud.failure(of: .createTransitRouterAttachment(region: region, connectionId: vco, cenId: "cen-NOT-VALID",
                                                                                autoPublishRoutes: true))
            #expect(badCen?.code == "InvalidCenId.NotFound")

            let attachment = try await cloud.create(.createTransitRouterAttachment(region: region, connectionId: vco, cenId: F.cenId,
                                                                                   autoPublishRoutes: true))
            let configuring = await cloud.failure(of: .modifyConnection(region: region, id: vco, F.connection("dc", gateways: [gateway])))
            #expect(configuring?.code == "VpnConnection.Configuring")
            #expect(configuring?.isRetryable == true)
            let attaching = await cloud.failure(of: .deleteTransitRouterAttachment(region: region, attachmentId: attachment))
            #expect(attaching?.code == "IncorrectStatus.Status")
            #expect(attaching?.isRetryable == true)
            _ = try await cloud.settle(.transitRouterAttachment(region: region, id: attachment))
            _ = try await cloud.settle(.connection(region: region, id: vco))

            let attachedDelete = await cloud.failure(of: .deleteConnection(region: region, id: vco))
            #expect(attachedDelete?.code == "IncorrectStatus.VpnConnection")
            let attachedGrant = await cloud.failure(of: .grant(region: region, connectionId: vco, cenId: F.partnerCen,
                                                               cenOwnerUid: F.partnerUid, payer: .cenOwner))
            #expect(attachedGrant?.code == "IncorrectStatus.VpnConnection")
            let twice = await cloud.failure(of: .createTransitRouterAttachment(region: region, connectionId: vco, cenId: F.cenId,
                                                                               autoPublishRoutes: true))
            #expect(twice?.code == "IncorrectStatus.VpnConnection")

            _ = try await cloud.execute(.associateDefaultRouteTable(region: region, attachmentId: attachment), idempotencyToken: "tf-a")
            let pendingLink = await cloud.failure(of: .dissociateDefaultRouteTable(region: region, attachmentId: attachment))
            #expect(pendingLink?.code == "Operation.Blocking")
            #expect(pendingLink?.isRetryable == true)
            _ = try await cloud.settle(.routeTableAssociation(region: region, attachmentId: attachment))
            let linked = await cloud.failure(of: .deleteTransitRouterAttachment(region: region, attachmentId: attachment))
            #expect(linked?.code == "DependencyViolation.RouteTableAssociation")
            #expect(linked?.isRetryable == false)
            let again = await cloud.failure(of: .associateDefaultRouteTable(region: region, attachmentId: attachment))
            #expect(again?.code == "InvalidOperation.AssociationExists")
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func theSameTokenGivesTheSameResult(_ kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind) { cloud in
            let region = F.region
            let spec = F.gateway("edge", ip: "203.0.113.40")
            let first = try await cloud.create(.createCustomerGateway(region: region, spec), token: "tf-same-gateway")
            let second = try await cloud.create(.createCustomerGateway(region: region, spec), token: "tf-same-gateway")
            #expect(first == second)
            let mismatch = await cloud.failure(of: .createCustomerGateway(region: region, F.gateway("other", ip: "203.0.113.41")),
                                               token: "tf-same-gateway")
            #expect(mismatch?.code == "IdempotentParameterMismatch")
            #expect(mismatch?.isRetryable == false)

            let connection = F.connection("dc", gateways: [first])
            let vco = try await cloud.create(.createConnection(region: region, connection), token: "tf-same-connection")
            #expect(try await cloud.create(.createConnection(region: region, connection), token: "tf-same-connection") == vco)
            let attach = CloudRequest.createTransitRouterAttachment(region: region, connectionId: vco, cenId: F.cenId, autoPublishRoutes: true)
            let attachment = try await cloud.create(attach, token: "tf-same-attach")
            #expect(try await cloud.create(attach, token: "tf-same-attach") == attachment)
            _ = try await cloud.settle(.transitRouterAttachment(region: region, id: attachment))
            _ = try await cloud.execute(.associateDefaultRouteTable(region: region, attachmentId: attachment), idempotencyToken: "tf-same-assoc")
            _ = try await cloud.execute(.associateDefaultRouteTable(region: region, attachmentId: attachment), idempotencyToken: "tf-same-assoc")

            // GrantInstanceToTransitRouter takes no client token on the wire; a repeat must still succeed once.
            let partner = try await cloud.create(.createConnection(region: region, F.connection("partner", gateways: [first], bgp: false)))
            let grant = CloudRequest.grant(region: region, connectionId: partner, cenId: F.partnerCen, cenOwnerUid: F.partnerUid, payer: .cenOwner)
            _ = try await cloud.execute(grant, idempotencyToken: "tf-same-grant")
            _ = try await cloud.execute(grant, idempotencyToken: "tf-same-grant")

            let inventory = try await cloud.observe(region: region)
            #expect(inventory.grants.count == 1)
            #expect(inventory.customerGateways.count == 1)
            #expect(inventory.connections.count == 2)
            #expect(inventory.transitRouterAttachments.count == 1)
            #expect(inventory.routeTableAssociations.count == 1)
        }
    }
}
