import Foundation
import Testing
@testable import TunnelformAlibaba

/// Every vector of alibaba-api.md §1.2 and §1.3, byte for byte.
@Suite struct SigningVectorTests {
    let rpc = RequestSigner(scheme: .rpcHMACSHA1)
    let v3 = RequestSigner(scheme: .v3)

    @Test func percentEncodingRules() {
        #expect(PercentEncoding.encode("a b*c~d/e:f+g=h&i!") == "a%20b%2Ac~d%2Fe%3Af%2Bg%3Dh%26i%21")
        #expect(PercentEncoding.encode("é") == "%C3%A9")
        #expect(PercentEncoding.decode("a%20b%2Ac~") == "a b*c~")
        #expect(PercentEncoding.decode("%G1") == nil)
    }

    @Test func timestampFormat() {
        #expect(ACSTimestamp.string(from: Date(timeIntervalSince1970: 1_678_696_470.9)) == "2023-03-13T08:34:30Z")
        #expect(ACSTimestamp.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(ACSTimestamp.string(from: Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }

    // MARK: RPC HMAC-SHA1 (§1.2)

    @Test func rpcVectorA() {
        let request = UnsignedRequest(method: "GET", host: "ecs.aliyuncs.com", action: "DescribeDedicatedHosts", version: "2014-05-26",
                                      query: ["RegionId": "cn-beijing"])
        let credentials = AlibabaCredentials(accessKeyId: "testid", accessKeySecret: "testsecret")
        let signed = rpc.sign(request, credentials: credentials, date: TestEncoding.date("2023-03-13T08:34:30Z"),
                              nonce: "edb2b34af0af9a6d14deaf7c1a5315eb")
        let canonical = "AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&RegionId=cn-beijing&SignatureMethod=HMAC-SHA1"
            + "&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb&SignatureVersion=1.0&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26"
        #expect(signed.queryString == canonical + "&Signature=" + PercentEncoding.encode("9NaGiOspFP5UPcwX8Iwt2YJXXuk="))
        let parameters = TestEncoding.decodePairs(canonical)
        let stringToSign = RequestSigner.rpcStringToSign(method: "GET", parameters: parameters)
        #expect(stringToSign.hasPrefix("GET&%2F&AccessKeyId%3Dtestid%26Action%3D"))
        #expect(stringToSign.hasSuffix("%26Timestamp%3D2023-03-13T08%253A34%253A30Z%26Version%3D2014-05-26"))
        #expect(RequestSigner.rpcSignature(method: "GET", parameters: parameters, accessKeySecret: "testsecret") == "9NaGiOspFP5UPcwX8Iwt2YJXXuk=")
    }

    @Test func rpcVectorB() {
        let parameters = [
            "AccessKeyId": "testid", "Action": "DescribeRegions", "Format": "XML", "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "SignatureVersion": "1.0", "Timestamp": "2016-02-23T12:46:24Z",
            "Version": "2014-05-26",
        ]
        #expect(RequestSigner.rpcSignature(method: "GET", parameters: parameters, accessKeySecret: "testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY=")
    }

    @Test func rpcVectorC() {
        #expect(RequestSigner.rpcStringToSign(method: "", parameters: ["test": "ok"]) == "&%2F&test%3Dok")
        #expect(RequestSigner.rpcSignature(method: "", parameters: ["test": "ok"], accessKeySecret: "accessKeySecret") == "jHx/oHoHNrbVfhncHEvPdHXZwHU=")
    }

    @Test func rpcDerivedPostVectorSignsBodyParameters() {
        let signed = rpc.sign(derivedRequest(host: "vpc.aliyuncs.com"), credentials: AlibabaCredentials(accessKeyId: "testid", accessKeySecret: "testsecret"),
                              date: TestEncoding.date("2024-01-01T00:00:00Z"), nonce: "5f2c0d1e-0000-4000-8000-000000000001")
        let query = TestEncoding.decodePairs(signed.queryString)
        #expect(query["Signature"] == "/dv4OmgNzjgI2W58BVlkRXaOcAA=")
        #expect(signed.queryString.hasSuffix("&Signature=%2Fdv4OmgNzjgI2W58BVlkRXaOcAA%3D"))
        #expect(query["TunnelOptionsSpecification.1.TunnelIkeConfig.Psk"] == nil)
        #expect(String(decoding: signed.body, as: UTF8.self).contains("TunnelOptionsSpecification.1.TunnelIkeConfig.Psk=s3cr%2At%21"))
        #expect(signed.headers["content-type"] == "application/x-www-form-urlencoded")
    }

    @Test func rpcAddsSignedSecurityTokenForSTS() {
        let credentials = AlibabaCredentials(accessKeyId: "STS.id", accessKeySecret: "testsecret", securityToken: "tok/en")
        let signed = rpc.sign(derivedRequest(host: "vpc.aliyuncs.com"), credentials: credentials, date: TestEncoding.date("2024-01-01T00:00:00Z"), nonce: "n")
        var query = TestEncoding.decodePairs(signed.queryString)
        #expect(query["SecurityToken"] == "tok/en")
        let signature = query.removeValue(forKey: "Signature")
        let all = query.merging(TestEncoding.decodePairs(String(decoding: signed.body, as: UTF8.self))) { first, _ in first }
        #expect(signature == RequestSigner.rpcSignature(method: "POST", parameters: all, accessKeySecret: "testsecret"))
    }

    // MARK: V3 ACS3-HMAC-SHA256 (§1.3)

    @Test func v3OfficialVector() {
        let request = UnsignedRequest(host: "ecs.cn-shanghai.aliyuncs.com", action: "RunInstances", version: "2014-05-26",
                                      query: ["ImageId": "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", "RegionId": "cn-shanghai"])
        let signed = v3.sign(request, credentials: AlibabaCredentials(accessKeyId: "YourAccessKeyId", accessKeySecret: "YourAccessKeySecret"),
                             date: TestEncoding.date("2023-10-26T10:22:32Z"), nonce: "3156853299f313e23d1673dc12e1703d")
        #expect(signed.headers["authorization"] == "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,"
            + "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
            + "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0")
        #expect(signed.headers["x-acs-content-sha256"] == RequestSigner.emptyPayloadHash)
        #expect(signed.body.isEmpty)
        let (canonical, _) = RequestSigner.v3CanonicalRequest(
            method: "POST", path: "/", query: request.query, headers: signed.headers.map { ($0.key, $0.value) },
            payloadHash: RequestSigner.emptyPayloadHash)
        #expect(RequestSigner.v3HashedCanonicalRequest(canonical) == "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259")
    }

    @Test func v3EdgeCaseUnitVector() {
        let headers: [(name: String, value: String)] = [("x-acs-test", "http"), ("x-acs-TEST", "https")]
        let payload = "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23"
        let (canonical, signedHeaders) = RequestSigner.v3CanonicalRequest(
            method: "", path: "", query: ["test": "ok", "empty": ""], headers: headers, payloadHash: payload)
        #expect(canonical == "\n/\nempty=&test=ok\nx-acs-test:http,https\n\nx-acs-test\n" + payload)
        #expect(signedHeaders == "x-acs-test")
        #expect(RequestSigner.v3Authorization(method: "", path: "", query: ["test": "ok", "empty": ""], headers: headers, payloadHash: payload,
                                              accessKeyId: "acesskey", accessKeySecret: "secret")
            == "ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,Signature=4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3")
    }

    @Test func v3DerivedVectorWithFormBody() {
        let request = derivedRequest(host: "vpc.aliyuncs.com")
        let signed = v3.sign(request, credentials: AlibabaCredentials(accessKeyId: "YourAccessKeyId", accessKeySecret: "YourAccessKeySecret"),
                             date: TestEncoding.date("2024-01-01T00:00:00Z"), nonce: "3156853299f313e23d1673dc12e1703d")
        #expect(signed.queryString == "ClientToken=tok-0001&EnableTunnelsBgp=false&LocalSubnet=0.0.0.0%2F0&Name=demo%20vpn"
            + "&RegionId=cn-hangzhou&RemoteSubnet=0.0.0.0%2F0")
        #expect(String(decoding: signed.body, as: UTF8.self).hasPrefix(
            "TunnelOptionsSpecification.1.CustomerGatewayId=cgw-aaa&TunnelOptionsSpecification.1.TunnelIkeConfig.Psk=s3cr%2At%21&"))
        #expect(signed.headers["x-acs-content-sha256"] == "da9ff20e9c840ff3af995141bd3e0baf22f6f7ccd6d81e881954563a7a9adf54")
        let (canonical, signedHeaders) = RequestSigner.v3CanonicalRequest(
            method: "POST", path: "/", query: request.query, headers: signed.headers.map { ($0.key, $0.value) },
            payloadHash: signed.headers["x-acs-content-sha256"] ?? "")
        #expect(signedHeaders == "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version")
        #expect(RequestSigner.v3HashedCanonicalRequest(canonical) == "b1e292206e805ad2c18de2c89634f8a05d2a9bb8fd9d37e3648c0af9c34d6363")
        #expect(signed.headers["authorization"] == "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=\(signedHeaders),"
            + "Signature=e274bdefebe9cd887f39028e86a37676d146558904890d2f03737ce7ffb1cb7e")
    }

    @Test func v3SignsSecurityTokenAndKeepsCommonRPCParametersOut() {
        let credentials = AlibabaCredentials(accessKeyId: "STS.id", accessKeySecret: "s", securityToken: "token-1")
        let signed = v3.sign(derivedRequest(host: "vpc.aliyuncs.com"), credentials: credentials, date: TestEncoding.date("2024-01-01T00:00:00Z"), nonce: "n")
        #expect(signed.headers["x-acs-security-token"] == "token-1")
        #expect(signed.headers["x-acs-accesskey-id"] == "STS.id")
        #expect(signed.headers["authorization"]?.contains("x-acs-accesskey-id;x-acs-action") == true)
        #expect(signed.headers["authorization"]?.contains("x-acs-security-token;x-acs-signature-nonce") == true)
        let query = TestEncoding.decodePairs(signed.queryString)
        for name in ["Format", "SignatureNonce", "Timestamp", "AccessKeyId", "SecurityToken", "Signature"] { #expect(query[name] == nil) }
    }

    /// The shape of §1.2's derived vector and §1.3's derived V3 vector.
    func derivedRequest(host: String) -> UnsignedRequest {
        UnsignedRequest(
            host: host, action: "CreateVpnAttachment", version: "2016-04-28",
            query: ["RegionId": "cn-hangzhou", "Name": "demo vpn", "LocalSubnet": "0.0.0.0/0", "RemoteSubnet": "0.0.0.0/0",
                    "EnableTunnelsBgp": "false", "ClientToken": "tok-0001"],
            form: ["TunnelOptionsSpecification.1.CustomerGatewayId": "cgw-aaa", "TunnelOptionsSpecification.2.CustomerGatewayId": "cgw-bbb",
                   "TunnelOptionsSpecification.1.TunnelIndex": "1", "TunnelOptionsSpecification.2.TunnelIndex": "2",
                   "TunnelOptionsSpecification.1.TunnelIkeConfig.Psk": "s3cr*t!", "TunnelOptionsSpecification.2.TunnelIkeConfig.Psk": "s3cr*t!"])
    }
}
