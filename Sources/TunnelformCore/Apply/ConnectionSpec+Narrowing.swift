extension ConnectionSpec {
    /// The modify to send to a connection the cloud describes as `current`.
    ///
    /// `ModifyVpnAttachmentAttribute` gives a tunnel a new random key whenever its `TunnelIkeConfig` comes
    /// without a `Psk` (the SDK's request model: "If you do not specify a pre-shared key, the system randomly
    /// generates a 16-character string"). So a tunnel's IKE block is sent only when its IKE settings or its
    /// key change, and then always with the key in effect: the manifest's, or the one the cloud holds now.
    /// A manifest that leaves `localId`/`remoteId` to the cloud accepts whatever the cloud reports.
    ///
    /// Reading `current` just before the call (not at plan time) keeps a resumed modify idempotent: once the
    /// first attempt went through, the settings match and nothing that touches the keys is sent again.
    public func narrowed(against current: CloudConnection) throws(ApplyError) -> ConnectionSpec {
        var narrowed = self
        for position in narrowed.tunnels.indices {
            let tunnel = narrowed.tunnels[position]
            guard let wanted = tunnel.ike, let now = current.tunnels.first(where: { $0.index == tunnel.index }) else { continue }
            let knownKey = ObservedModel.isKnownKey(now.preSharedKey) ? now.preSharedKey : nil
            let keyChanges = tunnel.preSharedKey.map { $0 != knownKey } ?? false
            if !keyChanges && Self.sameIKE(wanted, now.ike) {
                narrowed.tunnels[position].ike = nil
                narrowed.tunnels[position].preSharedKey = nil
                continue
            }
            guard let key = tunnel.preSharedKey ?? knownKey else { throw .cloudKeyNotReadable(tunnel: tunnel.index) }
            narrowed.tunnels[position].preSharedKey = key
        }
        return narrowed
    }

    /// Equal Phase 1 settings; an identity left to the cloud (nil) matches the one it reports.
    static func sameIKE(_ wanted: IKEConfig, _ current: IKEConfig) -> Bool {
        wanted.version == current.version && wanted.mode == current.mode && wanted.encryption == current.encryption
            && wanted.authentication == current.authentication && wanted.dhGroup == current.dhGroup && wanted.lifetime == current.lifetime
            && (wanted.localId == nil || wanted.localId == current.localId) && (wanted.remoteId == nil || wanted.remoteId == current.remoteId)
    }
}
