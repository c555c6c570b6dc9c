import TunnelformCore

extension SimulatedCloud {
    /// `GrantInstanceToTransitRouter`: lets another account's CEN instance attach an unbound connection.
    func grant(region name: String, connectionId: String, cenId: String, cenOwnerUid: String, payer: Payer) throws(CloudError) {
        try Self.validateCenId(cenId)
        try Self.validateUid(cenOwnerUid)
        var region = region(name)
        guard let stored = region.connections[connectionId] else { throw connectionMissing(connectionId, region: name) }
        if let attachment = region.liveAttachment(forConnection: connectionId) {
            throw .terminal("IncorrectStatus.VpnConnection",
                            "The IPsec-VPN connection \(connectionId) is attached to \(attachment.attachment.transitRouterId); only an unbound connection can be granted.")
        }
        guard !stored.connection.state.isTransient else { throw .configuring(connectionId, stored.connection.state) }
        guard !region.grants.contains(where: { $0.vpnId == connectionId && $0.cenId == cenId && $0.cenOwnerUid == cenOwnerUid }) else {
            throw .terminal("InvalidOperation.GrantExists", "The IPsec-VPN connection \(connectionId) is already granted to \(cenId).")
        }
        region.grants.append(CloudGrant(vpnId: connectionId, cenId: cenId, cenOwnerUid: cenOwnerUid, payer: payer))
        state.regions[name] = region
    }

    /// `RevokeInstanceFromTransitRouter`.
    func revoke(region name: String, connectionId: String, cenId: String, cenOwnerUid: String) throws(CloudError) {
        try Self.validateCenId(cenId)
        try Self.validateUid(cenOwnerUid)
        var region = region(name)
        guard region.connections[connectionId] != nil else { throw connectionMissing(connectionId, region: name) }
        guard let index = region.grants.firstIndex(where: { $0.vpnId == connectionId && $0.cenId == cenId && $0.cenOwnerUid == cenOwnerUid }) else {
            throw .notFound("InvalidGrant.NotFound", "grant of \(connectionId) to", cenId)
        }
        region.grants.remove(at: index)
        state.regions[name] = region
    }

    static func validateUid(_ uid: String) throws(CloudError) {
        guard !uid.isEmpty else { throw .missing("CenOwnerId") }
        guard uid.count <= 20, uid.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalid("CenOwnerId", "an account id is a number")
        }
    }
}
