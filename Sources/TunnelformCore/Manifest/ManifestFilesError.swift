/// Why the manifest files could not be listed or read.
public enum ManifestFilesError: Error, Sendable, Equatable, CustomStringConvertible {
    case folderNotFound(String)
    case notAFolder(String)
    case unreadable(String, reason: String)
    case fileTooLarge(String, size: Int, limit: Int)

    public var message: String {
        switch self {
        case .folderNotFound(let folder): "manifest folder '\(folder)' does not exist"
        case .notAFolder(let path): "'\(path)' is not a folder"
        case .unreadable(let path, let reason): "cannot read '\(path)': \(reason)"
        case .fileTooLarge(_, let size, let limit):
            "file is \(ByteCountText(size)), over the limit of \(ByteCountText(limit))"
        }
    }

    public var hint: String? {
        switch self {
        case .folderNotFound: "create it, or set the manifests path in tunnelform.yaml"
        case .notAFolder: "give the folder that holds the *.yaml manifests"
        case .unreadable: nil
        case .fileTooLarge: "split the manifests into several smaller files"
        }
    }

    /// The file the error is about, positioned at its start; nil for folder errors.
    public var location: SourceLocation? {
        switch self {
        case .fileTooLarge(let path, _, _): SourceLocation(file: path, line: 1, column: 1)
        case .folderNotFound, .notAFolder, .unreadable: nil
        }
    }

    /// The error as an accumulable diagnostic of severity error.
    public var diagnostic: Diagnostic {
        .error(message, hint: hint, at: location)
    }

    public var description: String { diagnostic.rendered }
}
