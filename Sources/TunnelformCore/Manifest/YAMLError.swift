/// Why a manifest file could not be read as YAML, and where.
///
/// One error per file: reading stops at the first problem, because after a syntax error the rest of
/// the file cannot be trusted. The loader turns it into a ``Diagnostic`` and goes on with other files.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in the user's terms.
    public var message: String
    /// How to fix it, if we can tell.
    public var hint: String?
    public var location: SourceLocation

    public init(message: String, hint: String? = nil, location: SourceLocation) {
        self.message = message
        self.hint = hint
        self.location = location
    }

    /// The error as an accumulable diagnostic of severity error.
    public var diagnostic: Diagnostic {
        .error(message, hint: hint, at: location)
    }

    /// `file:line:col: error: message (hint)`
    public var description: String { diagnostic.rendered }
}

extension YAMLError {
    static func fileTooLarge(size: Int, limit: Int, file: String) -> YAMLError {
        YAMLError(
            message: "file is \(ByteCountText(size)), over the limit of \(ByteCountText(limit))",
            hint: "split the manifests into several smaller files",
            location: SourceLocation(file: file, line: 1, column: 1)
        )
    }
}

/// A byte count for messages: exact bytes, with MiB/KiB when that reads better.
struct ByteCountText: CustomStringConvertible {
    let bytes: Int

    init(_ bytes: Int) { self.bytes = bytes }

    var description: String {
        let mib = 1 << 20, kib = 1 << 10
        if bytes >= mib && bytes % mib == 0 { return "\(bytes / mib) MiB" }
        if bytes >= kib && bytes % kib == 0 { return "\(bytes / kib) KiB" }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
