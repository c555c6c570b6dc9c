import Crypto
import Foundation
import TunnelformCore

/// Alibaba Cloud over its OpenAPI: VPC for gateways and connections, CBN for transit routers.
///
/// Point it at the loopback emulator with an endpoint override (`http://127.0.0.1:PORT`).
public struct AlibabaProvider: CloudProvider {
    public let client: AlibabaClient
    public let configuration: AlibabaConfiguration
    let directory = TransitRouterDirectory()
    /// The transport this provider created and must shut down; nil when one was injected.
    let ownedTransport: AsyncHTTPClientTransport?

    /// A provider over an injected client (tests, the emulator suite).
    public init(client: AlibabaClient, configuration: AlibabaConfiguration) {
        self.client = client
        self.configuration = configuration
        self.ownedTransport = nil
    }

    /// The production provider: credentials from the chain, endpoints checked now (so a bad
    /// override fails before any call), and an AsyncHTTPClient transport. Call `shutdown()` when done.
    public init(configuration: AlibabaConfiguration, environment: [String: String], homeDirectory: String,
                onRetry: @escaping @Sendable (CloudRetry) -> Void = { _ in }) throws(AlibabaSetupError) {
        let credentials: AlibabaCredentials
        do {
            credentials = try CredentialsChain(environment: environment, homeDirectory: homeDirectory, profile: configuration.profile).resolve()
        } catch {
            throw .credentials(error)
        }
        let endpoints = EndpointResolver(overrides: configuration.endpoints, environment: environment)
        do {
            for product in AlibabaProduct.allCases { _ = try endpoints.endpoint(for: product, region: "cn-hangzhou") }
        } catch {
            throw .endpoint(error)
        }
        let transport = AsyncHTTPClientTransport(connectTimeout: configuration.connectTimeout, readTimeout: configuration.requestTimeout)
        self.client = AlibabaClient(
            credentials: credentials, transport: transport, endpoints: endpoints, signer: RequestSigner(scheme: configuration.signatureScheme),
            retryPolicy: BackoffPolicy(maxAttempts: configuration.maxAttempts), requestsPerSecond: configuration.requestsPerSecond,
            requestTimeout: configuration.requestTimeout, onRetry: onRetry)
        self.configuration = configuration
        self.ownedTransport = transport
    }

    /// Closes the connection pool of a provider built with the production initializer.
    public func shutdown() async {
        try? await ownedTransport?.shutdown()
    }

    /// Retries so far (throttling, conflicts, 5xx, timeouts), for the summary an apply prints.
    public func retryCount() async -> Int {
        await client.statistics.retries
    }

    /// API calls so far by action (`DescribeVpnConnections`, …), for `TUNNELFORM_PROVIDER_STATS`.
    public func callsByAction() async -> [String: Int] {
        await client.statistics.callsByAction
    }

    public func execute(_ request: CloudRequest, idempotencyToken: String) async throws(CloudError) -> CloudResponse {
        var routeTableId: String?
        switch request {
        case .associateDefaultRouteTable(let region, let attachmentId), .dissociateDefaultRouteTable(let region, let attachmentId),
             .enableDefaultRouteTablePropagation(let region, let attachmentId), .disableDefaultRouteTablePropagation(let region, let attachmentId):
            routeTableId = try await defaultRouteTable(region: region, attachmentId: attachmentId)
        default:
            break
        }
        let (call, usesToken) = try RequestMapping(accountId: configuration.accountId).call(for: request, routeTableId: routeTableId)
        let json: JSONValue
        do {
            // The apply engine owns the retries of a mutating call (one policy, reported per attempt).
            json = try await client.call(call, clientToken: usesToken ? Self.clientToken(idempotencyToken) : nil, retrying: false)
        } catch let error where Self.isRemoval(request) && Self.isNotFound(error) {
            // Already gone: a resumed or repeated removal has nothing left to do.
            return CloudResponse(createdId: nil, requestId: error.requestId)
        } catch let error where !error.isRetryable {
            // Already granted: see `grantAlreadyExists`.
            if case .grant = request, await grantAlreadyExists(request) { return CloudResponse(createdId: nil, requestId: error.requestId) }
            throw error
        }
        try await reconcileTagsAndGroup(after: request)
        let createdId: String? = switch request {
        case .createCustomerGateway: json["CustomerGatewayId"]?.nonEmptyString
        case .createConnection: json["VpnConnectionId"]?.nonEmptyString
        case .createTransitRouterAttachment: json["TransitRouterAttachmentId"]?.nonEmptyString
        default: nil
        }
        return CloudResponse(createdId: createdId, requestId: json["RequestId"]?.nonEmptyString)
    }

    /// `DownloadVpnConnectionConfig`: the customer side's view (`Local` is the customer gateway).
    public func downloadConfig(region: String, connectionId: String) async throws(CloudError) -> JSONValue {
        let json = try await client.call(APICall(.vpc, "DownloadVpnConnectionConfig", region: region, parameters: [
            "RegionId": .string(region), "VpnConnectionId": .string(connectionId),
        ]))
        return json["VpnConnectionConfig"] ?? json
    }

    /// The idempotency token as a `ClientToken`: ASCII, at most 64 characters. A token that does not
    /// fit is replaced by a digest of it, so it stays the same on every retry and resume.
    public static func clientToken(_ token: String) -> String {
        if token.count <= 64, token.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && $0.value < 127 }) { return token }
        return "tf-" + String(RequestSigner.hex(SHA256.hash(data: Data(token.utf8))).prefix(61))
    }

    static func isRemoval(_ request: CloudRequest) -> Bool {
        switch request {
        case .deleteCustomerGateway, .deleteConnection, .deleteTransitRouterAttachment, .dissociateDefaultRouteTable,
             .disableDefaultRouteTablePropagation, .revoke:
            true
        default:
            false
        }
    }

    /// A missing resource (`InvalidVpnConnectionInstanceId.NotFound`, …), not a missing key, action or region.
    static func isNotFound(_ error: CloudError) -> Bool {
        let code = error.code
        guard code.hasSuffix(".NotFound") || code.hasSuffix(".NotExist") else { return false }
        return !notFoundCodesThatAreNotResources.contains { code.hasPrefix($0) }
    }

    static let notFoundCodesThatAreNotResources = [
        "InvalidAccessKeyId", "InvalidSecurityToken", "InvalidAction", "InvalidApi", "InvalidVersion", "InvalidRegionId", "InvalidRegion",
    ]
}
