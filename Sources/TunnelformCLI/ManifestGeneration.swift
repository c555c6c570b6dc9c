import Foundation
import TunnelformCore

/// `import --generate`: reads the objects from the provider and writes manifests for them,
/// refusing to overwrite any file.
struct ManifestGeneration {
    var console: Console
    var ids: [String]
    var out: String?
    var regions: [String]
    var manifests: String?

    func run() async throws {
        guard !ids.isEmpty else {
            throw CommandError("import --generate needs at least one id (cgw-… or vco-…)")
        }
        let reconciler = try ReconcilerFactory.make(observer: ConsoleObserver(console: console))
        let folder = manifests ?? reconciler.config.manifests
        // Only the names already taken matter here: manifests with errors still name their objects.
        let existing = FileManager.default.fileExists(atPath: folder) ? ManifestLoader().load(folder: folder).model : DesiredModel()
        let state = (try? await reconciler.readState()) ?? State()
        var search = regions
        if search.isEmpty {
            search = Array(Set(existing.customerGateways.map(\.value.region) + existing.connections.map(\.value.region)
                               + state.resources.values.map(\.region))).sorted()
        }
        guard !search.isEmpty else {
            throw CommandError("no region to look in: pass --region, e.g. --region cn-hangzhou")
        }
        let regions = search
        let inventories = try await reconciler.provider().using { handle in
            var inventories: [CloudInventory] = []
            for region in regions {
                do { inventories.append(try await handle.provider.observe(region: region)) } catch {
                    throw ReconcileError.refresh(region: region, error)
                }
            }
            return inventories
        }
        let taken: [ResourceAddress.Kind: Set<String>] = [
            .customerGateway: Set(existing.customerGateways.map(\.value.name)),
            .vpnConnection: Set(existing.connections.map(\.value.name)),
        ]
        let output: ManifestGenerator.Output
        do {
            output = try ManifestGenerator().generate(ids: ids, inventories: inventories, takenNames: taken)
        } catch {
            throw CommandError("\(error)")
        }
        let target = out ?? folder
        let clashes = output.files.map { (target as NSString).appendingPathComponent($0.name) }.filter { FileManager.default.fileExists(atPath: $0) }
        guard clashes.isEmpty else {
            throw CommandError("not overwriting \(clashes.joined(separator: ", ")): move it away or pass --out DIR; nothing was written")
        }
        for file in output.files {
            let path = (target as NSString).appendingPathComponent(file.name)
            do { try AtomicFile.write(Data(file.text.utf8), to: path) } catch {
                throw CommandError("\(error)")
            }
            console.out("Wrote \(path)")
        }
        for note in output.notes { console.err(console.paint("Note:", .yellow) + " " + note) }
        if !output.variables.isEmpty {
            console.err("\nThe manifests read keys from these environment variables; set each to the key the peer uses:")
            for variable in output.variables { console.err("  export \(variable)=…") }
        }
        console.err("\nThen adopt the objects, gateways first:")
        for adoption in output.adoptions { console.err("  tunnelform import \(adoption.address) \(adoption.id)") }
    }
}
