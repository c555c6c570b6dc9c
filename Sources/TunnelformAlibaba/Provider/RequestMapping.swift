import TunnelformCore

/// Turns each `CloudRequest` into the OpenAPI call of `alibaba-api.md` §3, defaults always explicit.
///
/// Pure: the default route table (for association and propagation) is looked up by the caller.
public struct RequestMapping: Sendable {
    /// Sent as `VpnOwnerId`.
    public var accountId: String?

    public init(accountId: String?) {
        self.accountId = accountId
    }

    /// The call, and whether it takes a `ClientToken` (Grant and Revoke do not).
    public func call(for request: CloudRequest, routeTableId: String? = nil) throws(CloudError) -> (call: APICall, usesClientToken: Bool) {
        switch request {
        case .createCustomerGateway(let region, let spec):
            return (APICall(.vpc, "CreateCustomerGateway", region: region, parameters: [
                "RegionId": .string(region), "IpAddress": .string(spec.ipAddress.description), "Asn": spec.asn.map { WireValue.string($0.description) },
                "AuthKey": spec.authKey.map(WireValue.string), "Name": .string(spec.name), "Description": spec.description.map(WireValue.string),
                "Tags": WireValue.tags(spec.tags),
            ], sensitiveValues: spec.authKey.map { [$0] } ?? []), true)
        case .modifyCustomerGateway(let region, let id, let spec):
            return (APICall(.vpc, "ModifyCustomerGatewayAttribute", region: region, parameters: [
                "RegionId": .string(region), "CustomerGatewayId": .string(id), "Name": .string(spec.name),
                "Description": spec.description.map(WireValue.string), "AuthKey": spec.authKey.map(WireValue.string),
            ], sensitiveValues: spec.authKey.map { [$0] } ?? []), true)
        case .deleteCustomerGateway(let region, let id):
            return (APICall(.vpc, "DeleteCustomerGateway", region: region, parameters: ["RegionId": .string(region), "CustomerGatewayId": .string(id)]), true)
        case .createConnection(let region, let spec):
            return (ConnectionParameters.create(region: region, spec: spec), true)
        case .modifyConnection(let region, let id, let spec):
            return (ConnectionParameters.modify(region: region, id: id, spec: spec), true)
        case .deleteConnection(let region, let id):
            return (APICall(.vpc, "DeleteVpnAttachment", region: region, parameters: ["RegionId": .string(region), "VpnConnectionId": .string(id)]), true)
        case .createTransitRouterAttachment(let region, let connectionId, let cenId, let autoPublishRoutes):
            guard let accountId, !accountId.isEmpty else {
                throw CloudError(code: "Tunnelform.AccountIdRequired",
                                 message: "CreateTransitRouterVpnAttachment needs the account id that owns \(connectionId) (VpnOwnerId); set accountId for the alicloud provider in tunnelform.yaml",
                                 isRetryable: false)
            }
            return (APICall(.cbn, "CreateTransitRouterVpnAttachment", region: region, parameters: [
                "RegionId": .string(region), "CenId": .string(cenId), "VpnId": .string(connectionId), "VpnOwnerId": .string(accountId),
                "AutoPublishRouteEnabled": .bool(autoPublishRoutes), "ChargeType": "POSTPAY",
            ]), true)
        case .updateTransitRouterAttachment(let region, let attachmentId, let autoPublishRoutes):
            return (APICall(.cbn, "UpdateTransitRouterVpnAttachmentAttribute", region: region, parameters: [
                "TransitRouterAttachmentId": .string(attachmentId), "AutoPublishRouteEnabled": .bool(autoPublishRoutes),
            ]), true)
        case .deleteTransitRouterAttachment(let region, let attachmentId):
            return (APICall(.cbn, "DeleteTransitRouterVpnAttachment", region: region, parameters: [
                "TransitRouterAttachmentId": .string(attachmentId), "Force": false,
            ]), true)
        case .associateDefaultRouteTable(let region, let attachmentId), .dissociateDefaultRouteTable(let region, let attachmentId),
             .enableDefaultRouteTablePropagation(let region, let attachmentId), .disableDefaultRouteTablePropagation(let region, let attachmentId):
            guard let routeTableId else {
                throw CloudError(code: "Tunnelform.RouteTableUnknown", message: "no default route table known for \(attachmentId)", isRetryable: false)
            }
            return (APICall(.cbn, request.action, region: region, parameters: [
                "TransitRouterAttachmentId": .string(attachmentId), "TransitRouterRouteTableId": .string(routeTableId),
            ]), true)
        case .grant(let region, let connectionId, let cenId, let cenOwnerUid, let payer):
            return (APICall(.cbn, "GrantInstanceToTransitRouter", region: region, parameters: [
                "RegionId": .string(region), "CenId": .string(cenId), "CenOwnerId": .string(cenOwnerUid), "InstanceId": .string(connectionId),
                "InstanceType": "VPN", "OrderType": .string(Self.orderType(payer)),
            ]), false)
        case .revoke(let region, let connectionId, let cenId, let cenOwnerUid):
            return (APICall(.cbn, "RevokeInstanceFromTransitRouter", region: region, parameters: [
                "RegionId": .string(region), "CenId": .string(cenId), "CenOwnerId": .string(cenOwnerUid), "InstanceId": .string(connectionId),
                "InstanceType": "VPN",
            ]), false)
        }
    }

    public static func orderType(_ payer: Payer) -> String {
        switch payer {
        case .cenOwner: "PayByCenOwner"
        case .resourceOwner: "PayByResourceOwner"
        }
    }
}
