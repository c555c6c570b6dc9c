/// The Alibaba Cloud provider's settings, filled by the CLI from tunnelform.yaml.
public struct AlibabaConfiguration: Sendable, Equatable {
    /// The credentials profile (aliyun CLI config.json or the INI file); nil falls back to
    /// `ALIBABA_CLOUD_PROFILE`, then the file's `current`, then `default`.
    public var profile: String?
    /// The account (UID) that owns the VPN connections, sent as `VpnOwnerId` when attaching them to a
    /// transit router. Required for `CreateTransitRouterVpnAttachment`.
    public var accountId: String?
    public var endpoints: EndpointOverrides
    public var signatureScheme: RequestSigner.Scheme
    /// Attempts per call, the first included.
    public var maxAttempts: Int
    /// Client-side rate limit per endpoint host.
    public var requestsPerSecond: Double
    public var connectTimeout: Double
    /// Limit for one whole request/response exchange, in seconds.
    public var requestTimeout: Double

    public init(profile: String? = nil, accountId: String? = nil, endpoints: EndpointOverrides = EndpointOverrides(),
                signatureScheme: RequestSigner.Scheme = .v3, maxAttempts: Int = 10, requestsPerSecond: Double = 20,
                connectTimeout: Double = 10, requestTimeout: Double = 30) {
        self.profile = profile
        self.accountId = accountId
        self.endpoints = endpoints
        self.signatureScheme = signatureScheme
        self.maxAttempts = maxAttempts
        self.requestsPerSecond = requestsPerSecond
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
    }
}

/// Why the provider could not be set up.
public enum AlibabaSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    case credentials(CredentialsError)
    case endpoint(EndpointError)

    public var description: String {
        switch self {
        case .credentials(let error): error.description
        case .endpoint(let error): error.description
        }
    }
}
