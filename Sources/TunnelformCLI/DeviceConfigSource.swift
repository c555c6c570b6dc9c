import ArgumentParser
import Foundation
import TunnelformCore
import TunnelformLab

/// Options shared by `device-config` and `lab`: which connection, and where its manifests are.
struct ConnectionOptions: ParsableArguments {
    @Argument(help: "The connection, as VpnConnection/NAME.") var address: String
    @Option(help: "The folder of manifests (default: from tunnelform.yaml, else manifests).") var manifests: String?
    @Flag(help: "Print without colour.") var noColor = false
}

/// Builds the `DeviceConfigInput` of one applied connection: the connection and its customer
/// gateways from the manifests, tunnel ids and gateway IPs from the state (newer values from the
/// provider's observation win), and each tunnel's key from the manifest's reference or, when the
/// cloud generated it, from the cloud.
///
/// Failures are thrown (`CommandError`, `ReconcileError`); warnings go to stderr. Messages never hold a key.
struct DeviceConfigSource {
    var console: Console

    /// The input, the connection's cloud id and region, and the project's configuration (for the
    /// provider); with the provider's view, the connection as the cloud has it (`cloud`) and what
    /// differs from the manifests (`differences`: a key or a proposal changed in the console, keys
    /// only as "changed").
    struct Located {
        var input: DeviceConfigInput
        var connectionId: String
        var region: String
        var reconciler: Reconciler
        var cloud: DeviceConfigInput?
        var differences: [String]
    }

    func input(for text: String, manifests: String?) async throws -> DeviceConfigInput {
        try await located(text, manifests: manifests).input
    }

    /// With `onlyItsWarnings`, the manifests' warnings are printed only when they concern the
    /// connection or its customer gateways (the others are counted), so a lab run repeats nothing
    /// that is not about what it tests.
    func located(_ text: String, manifests: String?, onlyItsWarnings: Bool = false) async throws -> Located {
        let reconciler = try ReconcilerFactory.make(observer: ConsoleObserver(console: console))
        let project = try await reconciler.load(manifests: manifests)
        let connection = try declaredConnection(text, in: project.manifests.model)
        if onlyItsWarnings {
            reportWarnings(about: connection, project.manifests.diagnostics.warnings)
        } else {
            console.report(project.manifests.diagnostics)
        }
        guard let resource = project.state[connection.address], let record = resource.connection else {
            throw stop("\(connection.address) has not been applied yet: run `tunnelform apply` first, then ask again.")
        }
        warnIfChangedSinceApply(connection, record)
        let observed = await observe(record, region: resource.region, reconciler: reconciler)
        let gateways = Dictionary(project.manifests.model.customerGateways.map { ($0.value.name, $0.value) },
                                  uniquingKeysWith: { first, _ in first })
        var endpoints: [TunnelEndpoint] = []
        for (position, tunnel) in connection.tunnels.enumerated() {
            endpoints.append(try endpoint(position: position, tunnel: tunnel, connection: connection, record: record,
                                          observed: observed, secrets: project.manifests.secrets, cache: project.secretCache))
        }
        var bgpAuthKeys: [String: String] = [:]
        for name in Set(connection.tunnels.map(\.customerGateway)) where gateways[name]?.bgpAuthKey != nil {
            bgpAuthKeys[name] = project.manifests.secrets[.bgpAuthKey(gateway: name)]
        }
        let declared = DeviceConfigInput(connection: connection, customerGateways: gateways, tunnels: endpoints, bgpAuthKeys: bgpAuthKeys)
        let view = observed.map { CloudView(declared: declared, observed: $0) }
        return Located(input: declared, connectionId: record.id, region: resource.region, reconciler: reconciler,
                       cloud: view?.input, differences: view?.differences ?? [])
    }

    private func reportWarnings(about connection: VpnConnection, _ warnings: [Diagnostic]) {
        var concerned: Set<String> = [connection.address.description]
        for tunnel in connection.tunnels { concerned.insert(ResourceAddress(.customerGateway, tunnel.customerGateway).description) }
        let mine = warnings.filter { $0.address.map(concerned.contains) ?? true }
        console.report(mine)
        let others = warnings.count - mine.count
        if others > 0 {
            console.err("(\(others) warning\(others == 1 ? "" : "s") about other resources not shown; `tunnelform validate` lists them)")
        }
    }

    /// The declared connection at `text`; an unknown address suggests the nearest declared one.
    private func declaredConnection(_ text: String, in model: DesiredModel) throws -> VpnConnection {
        let declared = model.connections.map(\.value)
        let candidates = declared.map(\.address.description)
        // A bare name is read as a connection name, so `shanghai-dc` still finds its address.
        let parsed = ResourceAddress(parsing: text) ?? (text.contains("/") ? nil : ResourceAddress(.vpnConnection, text))
        guard let address = parsed, address.kind == .vpnConnection else {
            let hint = Suggestion.hint(for: text, in: candidates).map { " (\($0))" } ?? ""
            throw stop("\(text) is not a connection address: use VpnConnection/NAME\(hint)")
        }
        guard let connection = declared.first(where: { $0.address == address }) else {
            let hint = Suggestion.hint(for: address.description, in: candidates).map { " (\($0))" }
                ?? (candidates.isEmpty ? " (the manifests declare no connection)" : " (declared: \(candidates.joined(separator: ", ")))")
            throw stop("\(address) is not declared in the manifests\(hint)")
        }
        return connection
    }

    /// The cloud's half of one tunnel. `position` is 0 for tunnel 1.
    private func endpoint(position: Int, tunnel: Tunnel, connection: VpnConnection, record: ConnectionRecord,
                          observed: CloudConnection?, secrets: ResolvedSecrets, cache: SecretVerificationCache) throws -> TunnelEndpoint {
        let index = position + 1
        let recorded = record.tunnels.first { $0.index == index }
        let live = observed?.tunnels.first { $0.index == index }
        guard let tunnelId = live?.id ?? recorded.map(\.id), !tunnelId.isEmpty else {
            throw stop("the state has no tunnel \(index) for \(connection.address): run `tunnelform apply` first, then ask again.")
        }
        guard let gatewayIp = live?.gatewayIp ?? recorded?.gatewayIp else {
            let when = connection.bind.isCurrentAccount
                ? "when the connection is attached to its transit router"
                : "when the owner of \(connection.bind.cenId) attaches the connection to their transit router"
            throw stop("\(connection.address) has no gateway IP for tunnel \(index) yet (the cloud allocates it \(when)): "
                + "run `tunnelform apply` first, then ask again.")
        }
        return TunnelEndpoint(index: index, tunnelId: tunnelId, gatewayIp: gatewayIp,
                              preSharedKey: try preSharedKey(position: position, tunnel: tunnel, connection: connection,
                                                             recorded: recorded, live: live, secrets: secrets, cache: cache))
    }

    /// The declared key (warning when it is not the one last applied, checked through the local
    /// verification cache), else the cloud's.
    private func preSharedKey(position: Int, tunnel: Tunnel, connection: VpnConnection, recorded: TunnelRecord?,
                              live: CloudTunnel?, secrets: ResolvedSecrets, cache: SecretVerificationCache) throws -> String {
        let index = position + 1
        if let reference = tunnel.preSharedKey {
            guard let key = secrets[.preSharedKey(connection: connection.name, tunnel: position)] else {
                throw stop("the pre-shared key of tunnel \(index) (\(reference)) could not be read.")
            }
            if let digest = recorded?.preSharedKeyDigest, !cache.matches(digest, key) {
                warn("the pre-shared key \(reference) of tunnel \(index) is not the one last applied: the device will not "
                    + "match the cloud until `tunnelform apply` runs.")
            }
            return key
        }
        guard let live, !live.preSharedKey.isEmpty else {
            throw stop("the cloud generated the pre-shared key of tunnel \(index) and it could not be read from the provider; "
                + "try again, or declare the key in the manifest.")
        }
        return live.preSharedKey
    }

    /// The connection as the provider sees it now; nil (with a warning) when it cannot be read.
    private func observe(_ record: ConnectionRecord, region: String, reconciler: Reconciler) async -> CloudConnection? {
        let handle: ProviderHandle
        do { handle = try reconciler.provider() } catch {
            warn("cannot reach the provider (\(error)); using the state's tunnel ids and gateway IPs.")
            return nil
        }
        do {
            let inventory = try await handle.provider.observe(region: region)
            await handle.shutdown()
            guard let connection = inventory.connection(record.id) else {
                warn("\(record.applied.address) (\(record.id)) was not found in the cloud; using the state's last known values.")
                return nil
            }
            return connection
        } catch {
            await handle.shutdown()
            warn("could not read \(region) from the provider (\(error)); using the state's tunnel ids and gateway IPs.")
            return nil
        }
    }

    /// The configuration follows the manifests; say so when they changed since the last apply.
    private func warnIfChangedSinceApply(_ connection: VpnConnection, _ record: ConnectionRecord) {
        // Key references are compared through their digests instead (a literal is not kept in the state).
        func withoutKeys(_ value: VpnConnection) -> VpnConnection {
            var copy = value
            for index in copy.tunnels.indices { copy.tunnels[index].preSharedKey = nil }
            return copy
        }
        guard withoutKeys(connection) != withoutKeys(record.applied) else { return }
        warn("\(connection.address) in the manifests differs from what was last applied; this configuration follows the "
            + "manifests. Run `tunnelform plan` to see the difference and `tunnelform apply` to make the cloud match.")
    }

    private func warn(_ message: String) {
        console.err(console.paint("Warning:", .yellow) + " " + message)
    }

    private func stop(_ message: String) -> CommandError { CommandError(message) }
}
