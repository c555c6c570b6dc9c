import Foundation

/// The manifest files below a folder: every `*.yaml` and `*.yml`, recursively, in path order.
///
/// Paths come back as the folder as given joined with the path relative to it (`manifests/sub/x.yml`), sorted
/// by that relative path, so loading and every diagnostic are in the same stable order on every machine.
/// Hidden files and folders (name starting with `.`) are skipped. Symbolic links are followed, each real
/// folder at most once, so a link cycle cannot loop.
public struct ManifestFiles: Sendable {
    public var folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// The manifest file paths in sorted order; empty if the folder holds none.
    public func paths() throws(ManifestFilesError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw .folderNotFound(folder)
        }
        guard isDirectory.boolValue else { throw .notAFolder(folder) }

        var relativePaths: [String] = []
        var visited: Set<String> = [Self.realPath(folder)]
        try collect(in: folder, prefix: "", into: &relativePaths, visited: &visited)
        relativePaths.sort()
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return relativePaths.map { base + $0 }
    }

    /// The bytes of one file, refused before reading if its size is over `maxBytes`.
    public static func readBytes(
        path: String, maxBytes: Int = YAMLLimits.default.maxFileBytes
    ) throws(ManifestFilesError) -> [UInt8] {
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw .unreadable(path, reason: Self.reason(error))
        }
        guard size <= maxBytes else { throw .fileTooLarge(path, size: size, limit: maxBytes) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path, reason: Self.reason(error))
        }
        // The file may have grown since its size was checked.
        guard data.count <= maxBytes else { throw .fileTooLarge(path, size: data.count, limit: maxBytes) }
        return [UInt8](data)
    }

    private func collect(
        in directory: String, prefix: String, into paths: inout [String], visited: inout Set<String>
    ) throws(ManifestFilesError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadable(directory, reason: Self.reason(error))
        }
        for name in names where !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var isDirectory: ObjCBool = false
            // A broken symbolic link does not exist for fileExists and is skipped.
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if visited.insert(Self.realPath(path)).inserted {
                    try collect(in: path, prefix: prefix + name + "/", into: &paths, visited: &visited)
                }
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                paths.append(prefix + name)
            }
        }
    }

    private static func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// The system's short reason ("No such file or directory") rather than Foundation's long wrapper.
    private static func reason(_ error: any Error) -> String {
        if let posix = error as? POSIXError {
            return String(cString: strerror(posix.code.rawValue))
        }
        if let cocoa = error as? CocoaError {
            if let posix = cocoa.underlying as? POSIXError {
                return String(cString: strerror(posix.code.rawValue))
            }
            switch cocoa.code {
            case .fileReadNoSuchFile, .fileNoSuchFile: return String(cString: strerror(ENOENT))
            case .fileReadNoPermission: return String(cString: strerror(EACCES))
            default: break
            }
        }
        return error.localizedDescription
    }
}
