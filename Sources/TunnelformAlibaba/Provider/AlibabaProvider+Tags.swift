import TunnelformCore

extension AlibabaProvider {
    /// `ModifyCustomerGatewayAttribute` and `ModifyVpnAttachmentAttribute` leave tags and the resource
    /// group alone, so a modify is followed by the calls that change them (§3.3, §3.4 of alibaba-api.md):
    /// the object is read, then only what differs is sent (`UnTagResources` for keys no longer wanted,
    /// `TagResources` for new or changed values, `MoveVpnResourceGroup`). Each of these is idempotent, so
    /// a retried or resumed modify repeats them safely.
    func reconcileTagsAndGroup(after request: CloudRequest) async throws(CloudError) {
        switch request {
        case .modifyCustomerGateway(let region, let id, let spec):
            let json = try await client.call(APICall(.vpc, "DescribeCustomerGateway", region: region, parameters: [
                "RegionId": .string(region), "CustomerGatewayId": .string(id),
            ]))
            try await retag(region: region, resourceType: "CUSTOMERGATEWAY", id: id, current: json.tags, desired: spec.tags)
        case .modifyConnection(let region, let id, let spec):
            let json = try await client.call(APICall(.vpc, "DescribeVpnConnection", region: region, parameters: [
                "RegionId": .string(region), "VpnConnectionId": .string(id),
            ]))
            try await retag(region: region, resourceType: "VPNATTACHMENT", id: id, current: json.tags, desired: spec.tags)
            if let group = spec.resourceGroupId, group != json["ResourceGroupId"]?.nonEmptyString {
                _ = try await client.call(APICall(.vpc, "MoveVpnResourceGroup", region: region, parameters: [
                    "RegionId": .string(region), "InstanceId": .string(id), "NewResourceGroupId": .string(group),
                    "ResourceType": "VpnAttachment",
                ]))
            }
        default:
            return
        }
    }

    private func retag(region: String, resourceType: String, id: String, current: [String: String],
                       desired: [String: String]) async throws(CloudError) {
        let resource: [String: WireValue?] = [
            "RegionId": .string(region), "ResourceType": .string(resourceType), "ResourceId": .list([.string(id)]),
        ]
        let removed = current.keys.filter { desired[$0] == nil }.sorted()
        if !removed.isEmpty {
            var parameters = resource
            parameters["TagKey"] = .list(removed.map(WireValue.string))
            _ = try await client.call(APICall(.vpc, "UnTagResources", region: region, parameters: parameters))
        }
        let changed = desired.filter { current[$0.key] != $0.value }
        if !changed.isEmpty {
            var parameters = resource
            parameters["Tag"] = WireValue.tags(changed)
            _ = try await client.call(APICall(.vpc, "TagResources", region: region, parameters: parameters))
        }
    }
}
