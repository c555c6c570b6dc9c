import Foundation

/// `tunnelform.yaml` at the project root: which provider to use and where manifests and state
/// live. Optional; without it the simulated cloud, `manifests/` and `tunnelform.state.json` are used.
public struct ProjectConfig: Sendable, Equatable {
    public enum ProviderKind: String, Sendable, ManifestEnum { case simulated, alicloud }

    /// Settings of the Alibaba Cloud provider.
    public struct AliCloud: Sendable, Equatable {
        public var profile: String?
        /// The account id that owns the connections (sent as `VpnOwnerId`).
        public var accountId: String?
        public var vpcEndpoint: String?
        public var cbnEndpoint: String?
        /// `v3` (default) or `rpc` (HMAC-SHA1).
        public var signature: String?
        public var requestsPerSecond: Double?

        public init() {}
    }

    public var provider: ProviderKind = .simulated
    public var manifests = "manifests"
    public var state = "tunnelform.state.json"
    public var alicloud = AliCloud()

    public init() {}

    public static let fileName = "tunnelform.yaml"

    public static let schema = ObjectSchema(name: "ProjectConfig", summary: "tunnelform.yaml", fields: [
        FieldSchema("provider", .enumeration(ProviderKind.allValues), default: "\"simulated\"", "simulated or alicloud."),
        FieldSchema("manifests", .string(minLength: 1), default: "\"manifests\"", "The folder of manifests."),
        FieldSchema("state", .string(minLength: 1), default: "\"tunnelform.state.json\"", "The state file."),
        FieldSchema("alicloud", .object(aliCloudSchema), "Alibaba Cloud settings."),
    ])

    static let aliCloudSchema = ObjectSchema(name: "AliCloud", summary: "Alibaba Cloud provider settings.", fields: [
        FieldSchema("profile", .string(minLength: 1), "Credentials profile in ~/.aliyun/config.json or ~/.alibabacloud/credentials."),
        FieldSchema("accountId", .accountId, "The account id (UID) that owns the connections."),
        FieldSchema("endpoints", .object(endpointsSchema), "Endpoint overrides."),
        FieldSchema("signature", .enumeration(["v3", "rpc"]), default: "\"v3\"", "Request signature: v3 (ACS3-HMAC-SHA256) or rpc (HMAC-SHA1)."),
        FieldSchema("requestsPerSecond", .integer(min: 1, max: 1000), default: "20", "Client-side rate limit per endpoint."),
    ])

    static let endpointsSchema = ObjectSchema(name: "Endpoints", summary: "Endpoint overrides.", fields: [
        FieldSchema("vpc", .string(minLength: 1), "VPC API endpoint, e.g. vpc.cn-shanghai.aliyuncs.com."),
        FieldSchema("cbn", .string(minLength: 1), "CEN API endpoint, e.g. cbn.aliyuncs.com."),
    ])

    /// Reads `path`; a missing file gives the defaults. Problems are positioned diagnostics.
    public static func load(path: String = fileName) -> (config: ProjectConfig, diagnostics: [Diagnostic]) {
        var config = ProjectConfig()
        guard FileManager.default.fileExists(atPath: path) else { return (config, []) }
        let documents: [YAMLDocument]
        do {
            documents = try YAMLReader().read(try ManifestFiles.readBytes(path: path), file: path)
        } catch let error as YAMLError {
            return (config, [error.diagnostic])
        } catch {
            return (config, [.error("\(error)", at: SourceLocation(file: path, line: 1, column: 1))])
        }
        guard let root = documents.first?.root else { return (config, []) }
        let collector = DiagnosticCollector()
        if let reader = ObjectReader(root, schema: schema, address: nil, collector: collector, context: path) {
            config.provider = reader.enumeration("provider", ProviderKind.self) ?? config.provider
            config.manifests = reader.string("manifests") ?? config.manifests
            config.state = reader.string("state") ?? config.state
            if let ali = reader.object("alicloud") {
                config.alicloud.profile = ali.string("profile")
                config.alicloud.accountId = ali.string("accountId")
                config.alicloud.signature = ali.enumeration("signature", SignatureWord.self)?.rawValue
                config.alicloud.requestsPerSecond = ali.integer("requestsPerSecond").map(Double.init)
                if let endpoints = ali.object("endpoints") {
                    config.alicloud.vpcEndpoint = endpoints.string("vpc")
                    config.alicloud.cbnEndpoint = endpoints.string("cbn")
                }
            }
        }
        return (config, collector.diagnostics)
    }

    enum SignatureWord: String, ManifestEnum { case v3, rpc }
}
