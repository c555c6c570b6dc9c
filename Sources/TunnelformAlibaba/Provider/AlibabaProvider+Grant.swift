import TunnelformCore

extension AlibabaProvider {
    /// Whether the grant a refused `GrantInstanceToTransitRouter` asked for is in place anyway.
    ///
    /// The call takes no `ClientToken`, so when an earlier attempt succeeded but its answer was lost
    /// (a dropped connection, a timeout, a process killed mid-apply), the retry or the resumed apply is
    /// refused as a duplicate and would fail forever. Asked only after a terminal refusal; a failed
    /// lookup counts as "no", so the original error is what the caller sees.
    func grantAlreadyExists(_ request: CloudRequest) async -> Bool {
        guard case .grant(let region, let connectionId, let cenId, let cenOwnerUid, _) = request else { return false }
        let items: [JSONValue]
        do {
            items = try await pagesByNumber(APICall(.vpc, "DescribeVpnCrossAccountAuthorizations", region: region, parameters: [
                "RegionId": .string(region), "VpnConnectionId": .string(connectionId),
            ]), list: ("CrossAccountAuthorizations", "CrossAccountAuthorization"))
        } catch {
            return false
        }
        return items.compactMap { InventoryParser.grant($0, connectionId: connectionId) }
            .contains { $0.cenId == cenId && $0.cenOwnerUid == cenOwnerUid }
    }
}
