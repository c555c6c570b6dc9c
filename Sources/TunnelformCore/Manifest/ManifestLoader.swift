import Foundation

/// Loads a manifests folder: finds the files, reads them with libyaml and decodes them. The domain
/// rules are a stage of their own (`Validator`; `ManifestCheck` runs both). Every problem of every
/// file is reported; nothing stops at the first.
public struct ManifestLoader: Sendable {
    public var reader: YAMLReader

    public init(reader: YAMLReader = YAMLReader()) {
        self.reader = reader
    }

    /// The outcome of loading: the model of every object that decoded, and the problems of reading and
    /// decoding; `invalidAddresses` are objects that did not decode, which validation must not report again.
    public struct Result: Sendable {
        public var model: DesiredModel
        public var diagnostics: [Diagnostic]
        public var files: [String]
        public var invalidAddresses: Set<ResourceAddress>
    }

    public func load(folder: String) -> Result {
        let files: [String]
        do {
            files = try ManifestFiles(folder: folder).paths()
        } catch {
            return Result(model: DesiredModel(), diagnostics: [.error("\(error)", hint: "pass the folder with --manifests", at: nil)],
                          files: [], invalidAddresses: [])
        }
        var decoded = ManifestDecoder.Result()
        var diagnostics: [Diagnostic] = []
        for outcome in readAndDecode(files) {
            decoded.append(outcome.decoded)
            if let problem = outcome.problem { diagnostics.append(problem) }
        }
        diagnostics += decoded.diagnostics
        return Result(model: decoded.model, diagnostics: diagnostics.sortedByLocation(), files: files,
                      invalidAddresses: decoded.invalidAddresses)
    }

    /// Reads, parses and decodes every file, spread over the cores (documents are independent of
    /// each other until validation), in file order.
    private func readAndDecode(_ files: [String]) -> [(decoded: ManifestDecoder.Result, problem: Diagnostic?)] {
        let reader = reader
        return Concurrently.map(files.count) { index in
            let file = files[index]
            do {
                let bytes = try ManifestFiles.readBytes(path: file, maxBytes: reader.limits.maxFileBytes)
                return (ManifestDecoder().decode(try reader.read(bytes, file: file)), nil)
            } catch let error as YAMLError {
                return (ManifestDecoder.Result(), error.diagnostic)
            } catch {
                return (ManifestDecoder.Result(), .error("\(error)", at: SourceLocation(file: file, line: 1, column: 1)))
            }
        }
    }
}
