import Foundation

/// Loads a manifests folder: finds the files, reads them with libyaml, decodes and validates.
/// Every problem of every file is reported; nothing stops at the first.
public struct ManifestLoader: Sendable {
    public var reader: YAMLReader
    public var validator: Validator

    public init(reader: YAMLReader = YAMLReader(), validator: Validator = Validator()) {
        self.reader = reader
        self.validator = validator
    }

    /// The outcome of loading: the model of every object that decoded, and all diagnostics.
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
        var documents: [YAMLDocument] = []
        var diagnostics: [Diagnostic] = []
        for outcome in read(files) {
            documents += outcome.documents
            if let problem = outcome.problem { diagnostics.append(problem) }
        }
        let decoded = ManifestDecoder().decode(documents)
        diagnostics += decoded.diagnostics
        diagnostics += validator.validate(decoded.model, invalidAddresses: decoded.invalidAddresses)
        return Result(model: decoded.model, diagnostics: diagnostics.sortedByLocation(), files: files,
                      invalidAddresses: decoded.invalidAddresses)
    }

    /// Reads and parses every file, spread over the cores (files are independent), in file order.
    private func read(_ files: [String]) -> [(documents: [YAMLDocument], problem: Diagnostic?)] {
        let reader = reader
        let outcomes = ConcurrentResults<(documents: [YAMLDocument], problem: Diagnostic?)>(count: files.count, initial: ([], nil))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let file = files[index]
            do {
                let bytes = try ManifestFiles.readBytes(path: file, maxBytes: reader.limits.maxFileBytes)
                outcomes[index] = (try reader.read(bytes, file: file), nil)
            } catch let error as YAMLError {
                outcomes[index] = ([], error.diagnostic)
            } catch {
                outcomes[index] = ([], .error("\(error)", at: SourceLocation(file: file, line: 1, column: 1)))
            }
        }
        return outcomes.values
    }
}
