import Testing
@testable import TunnelformEmulator

/// The emulator's own signature code against the published vectors of `alibaba-api.md` §1.2–1.3 (official
/// ones first, then the page's derived vectors for Tunnelform's request shape), so the verifier is right
/// on its own and not merely in agreement with the client's signer.
@Suite("Emulator: signature vectors")
struct SignatureVectorTests {
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    // MARK: RPC HMAC-SHA1

    @Test func rpcVectorADescribeDedicatedHosts() {
        let signature = RPCSignature(method: "GET", parameters: [
            ("AccessKeyId", "testid"), ("Action", "DescribeDedicatedHosts"), ("Format", "JSON"), ("RegionId", "cn-beijing"),
            ("SignatureMethod", "HMAC-SHA1"), ("SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb"), ("SignatureVersion", "1.0"),
            ("Timestamp", "2023-03-13T08:34:30Z"), ("Version", "2014-05-26"),
        ])
        #expect(signature.canonicalQuery == "AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&RegionId=cn-beijing"
            + "&SignatureMethod=HMAC-SHA1&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb&SignatureVersion=1.0"
            + "&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26")
        #expect(signature.stringToSign.hasPrefix("GET&%2F&AccessKeyId%3Dtestid%26Action%3D"))
        #expect(signature.stringToSign.hasSuffix("%26Timestamp%3D2023-03-13T08%253A34%253A30Z%26Version%3D2014-05-26"))
        #expect(signature.signature(secret: "testsecret") == "9NaGiOspFP5UPcwX8Iwt2YJXXuk=")
    }

    @Test func rpcVectorBDescribeRegions() {
        // Given out of order, and with a Signature parameter that must be left out of the string to sign.
        let signature = RPCSignature(method: "GET", parameters: [
            ("Version", "2014-05-26"), ("Timestamp", "2016-02-23T12:46:24Z"), ("Signature", "ignored"), ("SignatureVersion", "1.0"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"), ("SignatureMethod", "HMAC-SHA1"), ("Format", "XML"),
            ("Action", "DescribeRegions"), ("AccessKeyId", "testid"),
        ])
        #expect(signature.signature(secret: "testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY=")
    }

    @Test func rpcVectorCEmptyMethod() {
        let signature = RPCSignature(method: "", parameters: [("test", "ok")])
        #expect(signature.stringToSign == "&%2F&test%3Dok")
        #expect(signature.signature(secret: "accessKeySecret") == "jHx/oHoHNrbVfhncHEvPdHXZwHU=")
    }

    /// Query and form body merged, with `%20`, `%2F`, `%2A` and `%21` in the values.
    @Test func rpcDerivedVectorWithFormBody() {
        let query: [(name: String, value: String)] = [
            ("AccessKeyId", "testid"), ("Action", "CreateVpnAttachment"), ("Format", "JSON"), ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "5f2c0d1e-0000-4000-8000-000000000001"), ("SignatureVersion", "1.0"), ("Timestamp", "2024-01-01T00:00:00Z"),
            ("Version", "2016-04-28"), ("RegionId", "cn-hangzhou"), ("Name", "demo vpn"), ("LocalSubnet", "0.0.0.0/0"),
            ("RemoteSubnet", "0.0.0.0/0"), ("EnableTunnelsBgp", "false"), ("ClientToken", "tok-0001"),
        ]
        let form: [(name: String, value: String)] = [
            ("TunnelOptionsSpecification.1.CustomerGatewayId", "cgw-aaa"), ("TunnelOptionsSpecification.2.CustomerGatewayId", "cgw-bbb"),
            ("TunnelOptionsSpecification.1.TunnelIndex", "1"), ("TunnelOptionsSpecification.2.TunnelIndex", "2"),
            ("TunnelOptionsSpecification.1.TunnelIkeConfig.Psk", "s3cr*t!"), ("TunnelOptionsSpecification.2.TunnelIkeConfig.Psk", "s3cr*t!"),
        ]
        #expect(RPCSignature(method: "POST", parameters: query + form).signature(secret: "testsecret") == "/dv4OmgNzjgI2W58BVlkRXaOcAA=")
    }

    // MARK: V3 ACS3-HMAC-SHA256

    @Test func v3OfficialRunInstancesVector() {
        let signature = ACS3Signature(
            method: "POST", path: "/",
            query: [("RegionId", "cn-shanghai"), ("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd")],
            signedHeaders: [
                ("host", ["ecs.cn-shanghai.aliyuncs.com"]), ("x-acs-action", ["RunInstances"]), ("x-acs-content-sha256", [Self.emptyHash]),
                ("x-acs-date", ["2023-10-26T10:22:32Z"]), ("x-acs-signature-nonce", ["3156853299f313e23d1673dc12e1703d"]),
                ("x-acs-version", ["2014-05-26"]),
            ],
            payloadHash: Self.emptyHash)
        #expect(signature.canonicalQuery == "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai")
        #expect(signature.stringToSign == "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259")
        #expect(signature.signature(secret: "YourAccessKeySecret") == "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0")
        #expect(signature.signedHeaderList == "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version")
    }

    /// darabonba-openapi-util's edge case: empty method and path, an empty query value, one header sent twice.
    @Test func v3EdgeCaseVector() {
        let signature = ACS3Signature(
            method: "", path: "", query: [("test", "ok"), ("empty", "")], signedHeaders: [("x-acs-test", ["https", "http"])],
            payloadHash: "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23")
        #expect(signature.canonicalQuery == "empty=&test=ok")
        #expect(signature.canonicalHeaders == "x-acs-test:http,https\n")
        #expect(signature.signature(secret: "secret") == "4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3")
    }

    @Test func v3DerivedCreateVpnAttachmentVector() {
        let bodyHash = "da9ff20e9c840ff3af995141bd3e0baf22f6f7ccd6d81e881954563a7a9adf54"
        let signature = ACS3Signature(
            method: "POST", path: "/",
            query: [("ClientToken", "tok-0001"), ("EnableTunnelsBgp", "false"), ("LocalSubnet", "0.0.0.0/0"), ("Name", "demo vpn"),
                    ("RegionId", "cn-hangzhou"), ("RemoteSubnet", "0.0.0.0/0")],
            signedHeaders: [
                ("content-type", ["application/x-www-form-urlencoded"]), ("host", ["vpc.aliyuncs.com"]),
                ("x-acs-action", ["CreateVpnAttachment"]), ("x-acs-content-sha256", [bodyHash]), ("x-acs-date", ["2024-01-01T00:00:00Z"]),
                ("x-acs-signature-nonce", ["3156853299f313e23d1673dc12e1703d"]), ("x-acs-version", ["2016-04-28"]),
            ],
            payloadHash: bodyHash)
        #expect(signature.stringToSign == "ACS3-HMAC-SHA256\nb1e292206e805ad2c18de2c89634f8a05d2a9bb8fd9d37e3648c0af9c34d6363")
        #expect(signature.signature(secret: "YourAccessKeySecret") == "e274bdefebe9cd887f39028e86a37676d146558904890d2f03737ce7ffb1cb7e")
    }

    // MARK: Encoding

    @Test(arguments: [
        ("a b", "a%20b"), ("*", "%2A"), ("~-_.", "~-_."), ("/", "%2F"), ("ü", "%C3%BC"), ("+", "%2B"), ("=&", "%3D%26"),
    ])
    func percentEncoding(_ pair: (String, String)) {
        #expect(PercentCodec.encode(pair.0) == pair.1)
        #expect(PercentCodec.decode(Substring(pair.1), plusIsSpace: false) == pair.0)
    }

    @Test func formDecodingTreatsPlusAsSpaceAndRefusesBadEscapes() {
        #expect(PercentCodec.pairs("a=b+c&d=%2B")?.map(\.value) == ["b c", "+"])
        #expect(PercentCodec.pairs("a=%G1") == nil)
        #expect(PercentCodec.pairs("a=%4") == nil)
    }

    @Test func timestampsRoundTrip() throws {
        for text in ["1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "2023-10-26T10:22:32Z", "2100-12-31T12:00:00Z"] {
            let date = try #require(TimestampParser.date(from: text))
            #expect(TimestampParser.string(from: date) == text)
        }
    }
}
