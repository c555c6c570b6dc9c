import Foundation
import TunnelformCore

extension SimulatedCloud {
    /// Applies every asynchronous change whose time has come. Each object has at most one change in
    /// progress and no change starts another, so the order within one pass does not matter, except for
    /// gateway IPs, which are allocated in region and id order so a seeded run is reproducible.
    ///
    /// Called before every call, so the common case (nothing due) is one unsorted scan, and the set of
    /// allocated gateway IPs is built only when a connection's attachment completes.
    func applyDueTransitions() {
        let now = now
        guard hasDueTransition(at: now) else { return }
        var used: Set<IPv4Address>?
        var changed = false
        for name in state.regions.keys.sorted() {
            guard var region = state.regions[name] else { continue }
            for id in region.attachments.keys.sorted() {
                guard var stored = region.attachments[id], let readyAt = stored.readyAt, readyAt <= now else { continue }
                changed = true
                if stored.attachment.status == .detaching {
                    region.attachments[id] = nil
                } else {
                    stored.attachment.status = .attached
                    stored.readyAt = nil
                    region.attachments[id] = stored
                }
            }
            for kind in [LinkKind.association, .propagation] {
                for (id, var link) in kind.links(in: region) {
                    guard let readyAt = link.readyAt, readyAt <= now else { continue }
                    changed = true
                    if link.link.status == .removing {
                        kind.set(nil, for: id, in: &region)
                    } else {
                        link.link.status = .active
                        link.readyAt = nil
                        kind.set(link, for: id, in: &region)
                    }
                }
            }
            for id in region.connections.keys.sorted() {
                guard var stored = region.connections[id], let pending = stored.pending, pending.readyAt <= now else { continue }
                changed = true
                finish(pending, of: &stored, used: &used)
                region.connections[id] = stored
            }
            state.regions[name] = region
        }
        if changed { revision += 1 }
    }

    private func hasDueTransition(at now: Date) -> Bool {
        func due(_ readyAt: Date?) -> Bool { readyAt.map { $0 <= now } ?? false }
        return state.regions.values.contains { region in
            region.attachments.values.contains { due($0.readyAt) }
                || region.associations.values.contains { due($0.readyAt) }
                || region.propagations.values.contains { due($0.readyAt) }
                || region.connections.values.contains { due($0.pending?.readyAt) }
        }
    }

    private func finish(_ pending: PendingChange, of stored: inout SimulatedConnection, used: inout Set<IPv4Address>?) {
        stored.pending = nil
        stored.connection.state = pending.target
        switch pending.kind {
        case .attach:
            for index in stored.connection.tunnels.indices where stored.connection.tunnels[index].gatewayIp == nil {
                var allocated = used ?? allocatedGatewayIPs()
                let address = allocateGatewayIP(avoiding: allocated)
                if let address { allocated.insert(address) }
                used = allocated
                stored.connection.tunnels[index].gatewayIp = address
            }
        case .modify:
            for index in stored.connection.tunnels.indices { stored.connection.tunnels[index].state = .active }
        case .detach:
            stored.connection.transitRouterId = nil
            stored.connection.cenId = nil
            for index in stored.connection.tunnels.indices {
                if let address = stored.connection.tunnels[index].gatewayIp { used?.remove(address) }
                stored.connection.tunnels[index].gatewayIp = nil
            }
        }
    }

    func allocatedGatewayIPs() -> Set<IPv4Address> {
        Set(state.regions.values.flatMap { region in
            region.connections.values.flatMap { $0.connection.tunnels.compactMap(\.gatewayIp) }
        })
    }

    /// A random address in 198.18.0.0/15 that is not in use and ends neither in .0 nor in .255;
    /// nil only when the pool is exhausted.
    func allocateGatewayIP(avoiding used: Set<IPv4Address>) -> IPv4Address? {
        let pool = Self.gatewayPool
        let size = UInt64(1) << UInt64(32 - pool.prefixLength)
        let usable = { (address: IPv4Address) in
            !used.contains(address) && address.value & 0xFF != 0 && address.value & 0xFF != 0xFF
        }
        for _ in 0..<64 {
            let address = IPv4Address(pool.networkAddress.value + UInt32(random.uniform(below: size)))
            if usable(address) { return address }
        }
        for offset in 0..<UInt32(size) {
            let address = IPv4Address(pool.networkAddress.value + offset)
            if usable(address) { return address }
        }
        return nil
    }

    /// Where tunnel gateway IPs come from: 198.18.0.0/15, the benchmarking range, never routable on the Internet.
    public static let gatewayPool = IPv4Network(address: IPv4Address(0xC612_0000), prefixLength: 15)
}
