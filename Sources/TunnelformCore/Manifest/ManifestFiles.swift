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
        for entry in try Self.entries(of: directory) where !entry.name.hasPrefix(".") {
            let name = entry.name
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let isDirectory: Bool
            switch entry.type {
            case .regularFile: isDirectory = false
            case .directory: isDirectory = true
            case .other:
                var isFolder: ObjCBool = false
                // A broken symbolic link does not exist for fileExists and is skipped.
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
                isDirectory = isFolder.boolValue
            }
            if isDirectory {
                if visited.insert(Self.realPath(path)).inserted {
                    try collect(in: path, prefix: prefix + name + "/", into: &paths, visited: &visited)
                }
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                paths.append(prefix + name)
            }
        }
    }

    private enum EntryType { case regularFile, directory, other }

    /// The names in `directory` with the type the listing itself reports, so that the thousands of key files
    /// of a large project are not looked up one by one. Symbolic links and file systems that do not report
    /// types come back as `.other`, to be looked up (following links).
    private static func entries(of directory: String) throws(ManifestFilesError) -> [(name: String, type: EntryType)] {
        guard let stream = opendir(directory) else {
            throw .unreadable(directory, reason: String(cString: strerror(errno)))
        }
        defer { closedir(stream) }
        var entries: [(name: String, type: EntryType)] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { field in
                field.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: field.pointee)) { String(cString: $0) }
            }
            guard name != ".", name != ".." else { continue }
            let type: EntryType = switch Int(entry.pointee.d_type) {
            case Int(DT_REG): .regularFile
            case Int(DT_DIR): .directory
            default: .other
            }
            entries.append((name, type))
        }
        return entries
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
