import Foundation
import TunnelformTestSupport
import TunnelformAlibaba

/// Where the built binaries are, and one HTTP transport shared by every test (never shut down: it
/// lives as long as the test process, like a static).
enum Products {
    static var folder: URL { BuiltProducts.folder }
    static func executable(_ name: String) -> URL { BuiltProducts.executable(name) }
    /// The package root, for the example manifests.
    static var packageRoot: URL { BuiltProducts.packageRoot }

    static let transport = AsyncHTTPClientTransport(connectTimeout: 5, readTimeout: 60)

    /// A new empty temporary folder.
    static func temporaryFolder(_ prefix: String) throws -> URL { try BuiltProducts.temporaryFolder(prefix) }
}
