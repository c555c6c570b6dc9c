import Foundation

/// Picks the endpoint for each product and region (`alibaba-api.md` §2.1).
///
/// Precedence: the `ALIBABA_CLOUD_ENDPOINT_VPC`/`_CBN` environment variable (a per-run redirection,
/// e.g. to the emulator), then the tunnelform.yaml override, then the public endpoint:
/// - VPC: `vpc.aliyuncs.com` for cn-hangzhou and for the finance and government clouds (region ids
///   containing `-finance` or `-gov`), which the SDK's endpoint map sends to the central endpoint;
///   `vpc.<region>.aliyuncs.com` for every other region, as the SDK's regional rule and Terraform do.
/// - CBN: always the central `cbn.aliyuncs.com`; region-scoped calls carry `RegionId`.
public struct EndpointResolver: Sendable {
    public var overrides: EndpointOverrides
    public var environment: [String: String]

    public init(overrides: EndpointOverrides = EndpointOverrides(), environment: [String: String] = [:]) {
        self.overrides = overrides
        self.environment = environment
    }

    public func endpoint(for product: AlibabaProduct, region: String) throws(EndpointError) -> Endpoint {
        if let value = environment[product.environmentVariable], !value.isEmpty {
            return try Self.parse(value, source: product.environmentVariable)
        }
        if let value = overrides[product], !value.isEmpty {
            return try Self.parse(value, source: "tunnelform.yaml (\(product.rawValue) endpoint)")
        }
        return Endpoint(host: Self.publicHost(for: product, region: region))
    }

    public static func publicHost(for product: AlibabaProduct, region: String) -> String {
        switch product {
        case .cbn:
            return "cbn.aliyuncs.com"
        case .vpc:
            let central = region.isEmpty || region == "cn-hangzhou" || region.contains("-finance") || region.contains("-gov")
            return central ? "vpc.aliyuncs.com" : "vpc.\(region).aliyuncs.com"
        }
    }

    /// Parses `host`, `host:port`, `[v6]:port` or `scheme://…` (an optional trailing `/` is allowed).
    public static func parse(_ value: String, source: String) throws(EndpointError) -> Endpoint {
        var rest = Substring(value.trimmingCharacters(in: .whitespaces))
        var scheme = "https"
        if let range = rest.range(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard scheme == "https" || scheme == "http", !rest.isEmpty, !rest.contains("/"), !rest.contains("@"),
              !rest.contains("?"), !rest.contains("#") else { throw .malformed(value, source: source) }
        var host = rest
        var port: Int?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw .malformed(value, source: source) }
            host = rest[...close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let number = Int(after.dropFirst()) else { throw .malformed(value, source: source) }
                port = number
            }
        } else if let colon = rest.lastIndex(of: ":") {
            guard let number = Int(rest[rest.index(after: colon)...]) else { throw .malformed(value, source: source) }
            host = rest[..<colon]
            port = number
        }
        guard !host.isEmpty, port.map({ (1...65535).contains($0) }) ?? true,
              host.allSatisfy({ $0.isLetter || $0.isNumber || "-.:[]_".contains($0) }) else {
            throw .malformed(value, source: source)
        }
        let endpoint = Endpoint(scheme: scheme, host: String(host).lowercased(), port: port)
        if scheme == "http", !endpoint.isLoopback { throw .insecureScheme(value, source: source) }
        return endpoint
    }
}
