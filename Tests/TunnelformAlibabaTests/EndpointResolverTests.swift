import Testing
@testable import TunnelformAlibaba

@Suite struct EndpointResolverTests {
    @Test(arguments: [
        ("cn-hangzhou", "vpc.aliyuncs.com"),
        ("cn-shanghai", "vpc.cn-shanghai.aliyuncs.com"),
        ("ap-southeast-1", "vpc.ap-southeast-1.aliyuncs.com"),
        ("eu-central-1", "vpc.eu-central-1.aliyuncs.com"),
        ("cn-shanghai-finance-1", "vpc.aliyuncs.com"),
        ("cn-beijing-gov-1", "vpc.aliyuncs.com"),
    ])
    func vpcEndpointPerRegion(region: String, host: String) throws {
        let endpoint = try EndpointResolver().endpoint(for: .vpc, region: region)
        #expect(endpoint == Endpoint(scheme: "https", host: host))
        #expect(endpoint.baseURL == "https://" + host)
    }

    @Test(arguments: ["cn-hangzhou", "cn-shanghai", "us-west-1", "me-central-1"])
    func cbnIsCentral(region: String) throws {
        #expect(try EndpointResolver().endpoint(for: .cbn, region: region).host == "cbn.aliyuncs.com")
    }

    @Test func configOverrideAndEnvironmentPrecedence() throws {
        let overrides = EndpointOverrides(vpc: "vpc-proxy.example.com", cbn: "http://127.0.0.1:9000")
        let fromConfig = EndpointResolver(overrides: overrides)
        #expect(try fromConfig.endpoint(for: .vpc, region: "cn-shanghai") == Endpoint(host: "vpc-proxy.example.com"))
        #expect(try fromConfig.endpoint(for: .cbn, region: "cn-shanghai") == Endpoint(scheme: "http", host: "127.0.0.1", port: 9000))
        let fromEnvironment = EndpointResolver(overrides: overrides, environment: [
            "ALIBABA_CLOUD_ENDPOINT_VPC": "http://localhost:8080/", "ALIBABA_CLOUD_ENDPOINT_CBN": "",
        ])
        #expect(try fromEnvironment.endpoint(for: .vpc, region: "cn-shanghai") == Endpoint(scheme: "http", host: "localhost", port: 8080))
        #expect(try fromEnvironment.endpoint(for: .cbn, region: "cn-shanghai").port == 9000)
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080", "127.0.0.1:8080"),
        ("http://127.10.20.30", "http://127.10.20.30", "127.10.20.30"),
        ("http://LOCALHOST:1234", "http://localhost:1234", "localhost:1234"),
        ("http://[::1]:8443", "http://[::1]:8443", "[::1]:8443"),
        ("https://vpc.example.com:8443", "https://vpc.example.com:8443", "vpc.example.com:8443"),
        ("vpc.example.com", "https://vpc.example.com", "vpc.example.com"),
        ("10.1.2.3:443", "https://10.1.2.3:443", "10.1.2.3:443"),
    ])
    func acceptedOverrides(value: String, baseURL: String, hostHeader: String) throws {
        let endpoint = try EndpointResolver.parse(value, source: "test")
        #expect(endpoint.baseURL == baseURL)
        #expect(endpoint.hostHeader == hostHeader)
    }

    @Test(arguments: ["http://10.0.0.1:8080", "http://vpc.aliyuncs.com", "http://128.0.0.1", "http://[::2]:80", "http://localhost.example.com"])
    func plainHTTPRefusedExceptLoopback(value: String) {
        #expect(throws: EndpointError.insecureScheme(value, source: "ALIBABA_CLOUD_ENDPOINT_VPC")) {
            try EndpointResolver(environment: ["ALIBABA_CLOUD_ENDPOINT_VPC": value]).endpoint(for: .vpc, region: "cn-hangzhou")
        }
    }

    @Test(arguments: ["ftp://host", "http://127.0.0.1:8080/path", "https://user@host", "host:0", "host:99999", "host:abc", "https://", "[::1", "a b"])
    func malformedOverrides(value: String) {
        #expect(throws: EndpointError.malformed(value, source: "test")) { try EndpointResolver.parse(value, source: "test") }
    }

    @Test func insecureMessageExplains() {
        let text = EndpointError.insecureScheme("http://10.0.0.1", source: "tunnelform.yaml (vpc endpoint)").description
        #expect(text.contains("only https is allowed, except for loopback hosts"))
    }
}
