import ArgumentParser
import Foundation
import TunnelformCore

/// `tunnelform device-config ADDR`: the on-premises side of an applied connection, ready to load
/// on the customer gateway.
struct DeviceConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device-config",
        abstract: "Print the on-premises side of a connection: strongSwan swanctl.conf (+ FRR bgpd) or JSON.",
        discussion: """
            Builds the customer gateway's configuration from the manifests (the connection and its
            customer gateways) and the state (tunnel ids and gateway IPs, so apply the connection
            first). Pre-shared keys come from the manifest's references, or from the cloud when it
            generated them: the output holds the keys, so keep it private.

            --format strongswan prints swanctl.conf and, when BGP is enabled, an FRR bgpd snippet
            after it. With --output FILE, swanctl.conf goes to FILE and the FRR snippet to
            FILE.frr.conf, both with mode 0600. --format json prints the configuration in the shape
            of the cloud's DownloadVpnConnectionConfig, from the customer's point of view. On the alicloud
            provider it asks the cloud for that answer (--source auto, the default, or cloud) and fills in
            what the cloud leaves out from the manifests and state; `Sources` then says where each value
            came from and `Differences` lists values the two give differently. --source tunnelform never
            asks the cloud.

            Example:
              tunnelform device-config VpnConnection/shanghai-dc --format strongswan --output swanctl.conf
              tunnelform device-config VpnConnection/shanghai-dc --format json | jq .VpnConnectionConfig.TunnelsConfig
            """
    )

    /// The configuration formats a device can be given.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case strongswan, json
    }

    /// Where `--format json` takes its values from.
    enum Source: String, ExpressibleByArgument, CaseIterable {
        /// The cloud's answer when the provider has one, else Tunnelform's rendering.
        case auto
        /// The cloud's answer, or an error.
        case cloud
        /// Tunnelform's rendering from the manifests and state only.
        case tunnelform
    }

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "strongswan (swanctl.conf, plus FRR bgpd with BGP) or json.") var format: Format = .strongswan
    @Option(help: "For json: auto (the cloud's DownloadVpnConnectionConfig when the provider has it), cloud or tunnelform.")
    var source: Source = .auto
    @Option(help: ArgumentHelp("Write to FILE (mode 0600) instead of stdout; the FRR snippet goes to FILE.frr.conf.",
                               valueName: "FILE"))
    var output: String?

    func run() async throws {
        let console = Console(noColor: connection.noColor)
        let located = try await DeviceConfigSource(console: console).located(connection.address, manifests: connection.manifests)
        let input = located.input
        var files = try render(input, console: console)
        if format == .json, source != .tunnelform, let cloud = try await cloudConfig(located, console: console) {
            let local = try JSONValue(parsing: Array(files[0].text.utf8))
            let merged = CloudDeviceConfig(cloud: cloud, local: local)
            files = [("", try CanonicalJSON.string(merged.document))]
            console.err("Values from the cloud's DownloadVpnConnectionConfig, completed from the manifests and state; "
                + "`Sources` says which is which" + (merged.differences.isEmpty ? "." : ", `Differences` where they disagree."))
        }
        try write(files, address: input.connection.address, console: console)
    }

    /// The cloud's `VpnConnectionConfig`; nil (with a note) when the provider has none and `--source auto`.
    private func cloudConfig(_ located: DeviceConfigSource.Located, console: Console) async throws -> JSONValue? {
        let handle: ProviderHandle
        do {
            handle = try located.reconciler.provider()
        } catch {
            guard source == .cloud else { return nil }
            throw CommandError("cannot reach the provider: \(error)")
        }
        guard let download = handle.downloadConfig else {
            await handle.shutdown()
            guard source == .cloud else { return nil }
            throw CommandError("the \(handle.name) provider has no DownloadVpnConnectionConfig; use --source tunnelform.")
        }
        do {
            let answer = try await download(located.region, located.connectionId)
            await handle.shutdown()
            return answer
        } catch {
            await handle.shutdown()
            guard source == .cloud else {
                console.err(console.paint("Warning:", .yellow) + " DownloadVpnConnectionConfig failed (\(error)); "
                    + "the configuration comes from the manifests and state.")
                return nil
            }
            throw CommandError("DownloadVpnConnectionConfig failed: \(error)")
        }
    }

    /// The rendered file(s): the main one first, then the FRR snippet when there is one.
    private func render(_ input: DeviceConfigInput, console: Console) throws -> [(suffix: String, text: String)] {
        do {
            switch format {
            case .json:
                return [("", try DownloadConfig(input).json())]
            case .strongswan:
                let config = StrongSwanConfig(input)
                var files = [(suffix: "", text: try config.swanctlConf())]
                if let frr = try config.frrBGPConf() { files.append((".frr.conf", frr)) }
                return files
            }
        } catch {
            throw CommandError("cannot write the configuration of \(input.connection.address): \(error)")
        }
    }

    private func write(_ files: [(suffix: String, text: String)], address: ResourceAddress, console: Console) throws {
        guard let output else {
            // Console.out ends the text with its own newline; a blank line separates the two files.
            console.out(files.map { $0.text.hasSuffix("\n") ? String($0.text.dropLast()) : $0.text }.joined(separator: "\n\n"))
            return
        }
        for file in files {
            let path = output + file.suffix
            do {
                try AtomicFile.write(Data(file.text.utf8), to: path, permissions: 0o600)
            } catch {
                throw CommandError("\(error)")
            }
            if file.suffix.isEmpty {
                let what = format == .json ? "the configuration" : "swanctl.conf"
                console.err("Wrote \(what) of \(address) to \(path) (mode 0600: it holds the pre-shared keys).")
            } else {
                console.err("Wrote the FRR bgpd snippet of \(address) to \(path) (mode 0600).")
            }
        }
    }
}
