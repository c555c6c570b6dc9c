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

    /// Where the state lives: the file `state` names, unless `backend:` names a database.
    public enum Backend: Sendable, Equatable {
        case local
        case postgres(Postgres)
    }

    /// Settings of the PostgreSQL backend.
    public struct Postgres: Sendable, Equatable {
        /// `postgres://user:password@host:port/db?sslmode=require`: a secret, resolved only when
        /// the backend connects, never printed or stored.
        public var url: SecretReference
        /// Several projects or environments share one database, a workspace each.
        public var workspace = "default"
        /// The database schema Tunnelform's tables live in.
        public var schema = "tunnelform"
        /// How long a lock holder's lease lasts without being renewed; a lock whose lease expired
        /// can be taken over.
        public var lease: Duration = .seconds(30)

        public init(url: SecretReference) { self.url = url }
    }

    public var provider: ProviderKind = .simulated
    public var manifests = "manifests"
    public var state = "tunnelform.state.json"
    public var backend = Backend.local
    public var alicloud = AliCloud()

    public init() {}

    public static let fileName = "tunnelform.yaml"

    public static let schema = ObjectSchema(name: "ProjectConfig", summary: "tunnelform.yaml", fields: [
        FieldSchema("provider", .enumeration(ProviderKind.allValues), default: "\"simulated\"", "simulated or alicloud."),
        FieldSchema("manifests", .string(minLength: 1), default: "\"manifests\"", "The folder of manifests."),
        FieldSchema("state", .string(minLength: 1), default: "\"tunnelform.state.json\"", "The state file."),
        FieldSchema("backend", .object(backendSchema), "Where the state lives when not in the `state` file."),
        FieldSchema("alicloud", .object(aliCloudSchema), "Alibaba Cloud settings."),
    ])

    static let backendSchema = ObjectSchema(name: "Backend", summary: "A shared state backend.", fields: [
        FieldSchema("postgres", .object(postgresSchema), "Shared state in PostgreSQL, with leases, fencing and history."),
    ])

    static let postgresSchema = ObjectSchema(name: "Postgres", summary: "The PostgreSQL state backend.", fields: [
        FieldSchema("url", .secret, required: true,
                    "postgres://user:password@host:port/db?sslmode=require, as a secret reference such as {env: TUNNELFORM_POSTGRES_URL}."),
        FieldSchema("workspace", .string(minLength: 1, maxLength: 128), default: "\"default\"", "The workspace: several projects or environments share one database."),
        FieldSchema("schema", .string(minLength: 1, maxLength: 63), default: "\"tunnelform\"", "The database schema of Tunnelform's tables."),
        FieldSchema("leaseSeconds", .integer(min: 1, max: 3600), default: "30", "How long a lock lasts unless its holder renews it."),
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
            if let backend = reader.object("backend"), let postgres = backend.object("postgres") {
                config.backend = readPostgres(postgres, path: path, collector: collector).map(Backend.postgres) ?? .local
            }
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

    private static func readPostgres(_ reader: ObjectReader, path: String, collector: DiagnosticCollector) -> Postgres? {
        guard let url = reader.secret("url", base: (path as NSString).deletingLastPathComponent) else { return nil }
        if case .literal(let text) = url, PostgresURLText.hasPassword(text) {
            collector.append(.warning("the PostgreSQL URL's password is written in \(path)",
                                      hint: "use url: {env: TUNNELFORM_POSTGRES_URL} and keep the URL out of the repository",
                                      address: nil, at: reader.location("url")))
        }
        var postgres = Postgres(url: url)
        postgres.workspace = reader.string("workspace") ?? postgres.workspace
        if let schema = reader.string("schema") {
            if schema.range(of: "^[a-z_][a-z0-9_]*$", options: .regularExpression) != nil {
                postgres.schema = schema
            } else {
                collector.append(.error("'schema' must be a lowercase SQL name (letters, digits and _), found '\(schema)'",
                                        hint: "for example schema: tunnelform", address: nil, at: reader.location("schema")))
            }
        }
        if let seconds = reader.integer("leaseSeconds") { postgres.lease = .seconds(seconds) }
        return postgres
    }
}
