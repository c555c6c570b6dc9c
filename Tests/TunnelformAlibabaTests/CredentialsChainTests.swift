import Foundation
import Testing
@testable import TunnelformAlibaba

@Suite struct CredentialsChainTests {
    /// A fresh fake home folder with optional CLI config and INI credentials files.
    final class FakeHome {
        let path: String

        init(config: String? = nil, credentials: String? = nil) throws {
            path = NSTemporaryDirectory() + "tunnelform-home-" + UUID().uuidString
            let manager = FileManager.default
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
            if let config {
                try manager.createDirectory(atPath: path + "/.aliyun", withIntermediateDirectories: true)
                try Data(config.utf8).write(to: URL(fileURLWithPath: path + "/.aliyun/config.json"))
            }
            if let credentials {
                try manager.createDirectory(atPath: path + "/.alibabacloud", withIntermediateDirectories: true)
                try Data(credentials.utf8).write(to: URL(fileURLWithPath: path + "/.alibabacloud/credentials"))
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static let cliConfig = """
    {"current": "dev", "meta_path": "", "profiles": [
      {"name": "default", "mode": "AK", "access_key_id": "LTAIdefault0000", "access_key_secret": "default-secret", "region_id": "cn-hangzhou"},
      {"name": "dev", "mode": "AK", "access_key_id": "LTAIdev000000000", "access_key_secret": "dev-secret"},
      {"name": "sts", "mode": "StsToken", "access_key_id": "STS.abcdef123456", "access_key_secret": "sts-secret", "sts_token": "sts-token-value"},
      {"name": "role", "mode": "RamRoleArn", "access_key_id": "LTAIrole0000000", "access_key_secret": "role-secret", "ram_role_arn": "acs:ram::1:role/x"}
    ]}
    """

    static let ini = """
    # shared credentials
    [default]
    type = access_key
    access_key_id = LTAIini00000000
    access_key_secret = ini-secret

    [project]
    type = access_key
    access_key_id = "LTAIproject0000"
    access_key_secret = project-secret

    [ecs]
    type = ecs_ram_role
    role_name = EcsRole
    """

    @Test func environmentWins() throws {
        let home = try FakeHome(config: Self.cliConfig, credentials: Self.ini)
        let credentials = try CredentialsChain(environment: [
            "ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIenv00000000", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env-secret",
            "ALIBABA_CLOUD_SECURITY_TOKEN": "env-token",
        ], homeDirectory: home.path, profile: "sts").resolve()
        #expect(credentials.accessKeyId == "LTAIenv00000000")
        #expect(credentials.accessKeySecret == "env-secret")
        #expect(credentials.securityToken == "env-token")
        #expect(credentials.source == "environment (ALIBABA_CLOUD_ACCESS_KEY_ID)")
    }

    @Test(arguments: [
        (["ALICLOUD_ACCESS_KEY": "tf", "ALICLOUD_SECRET_KEY": "tf-s", "ALIBABACLOUD_ACCESS_KEY_ID": "abc", "ALIBABACLOUD_ACCESS_KEY_SECRET": "abc-s"], "abc"),
        (["ALICLOUD_ACCESS_KEY_ID": "cli", "ALICLOUD_ACCESS_KEY_SECRET": "cli-s", "ALICLOUD_ACCESS_KEY": "tf", "ALICLOUD_SECRET_KEY": "tf-s"], "cli"),
        (["ALICLOUD_ACCESS_KEY": "tf", "ALICLOUD_SECRET_KEY": "tf-s"], "tf"),
        (["ALIBABA_CLOUD_ACCESS_KEY_ID": "main", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "main-s", "ALIBABACLOUD_ACCESS_KEY_ID": "abc"], "main"),
        (["ALIBABA_CLOUD_ACCESS_KEY_ID": "", "ALIBABACLOUD_ACCESS_KEY_ID": "abc", "ALIBABACLOUD_ACCESS_KEY_SECRET": "abc-s"], "abc"),
    ])
    func environmentAliasesInPrecedence(environment: [String: String], expectedId: String) throws {
        let home = try FakeHome()
        #expect(try CredentialsChain(environment: environment, homeDirectory: home.path).resolve().accessKeyId == expectedId)
    }

    @Test func genericVariablesAreIgnored() throws {
        let home = try FakeHome()
        #expect(throws: CredentialsError.self) {
            try CredentialsChain(environment: ["ACCESS_KEY_ID": "x", "ACCESS_KEY_SECRET": "y"], homeDirectory: home.path).resolve()
        }
    }

    @Test func halfAnEnvironmentPairIsAnError() throws {
        let home = try FakeHome(config: Self.cliConfig)
        #expect(throws: CredentialsError.incomplete(source: "environment (ALIBABA_CLOUD_ACCESS_KEY_ID)", missing: "ALIBABA_CLOUD_ACCESS_KEY_SECRET")) {
            try CredentialsChain(environment: ["ALIBABA_CLOUD_ACCESS_KEY_ID": "x"], homeDirectory: home.path).resolve()
        }
    }

    @Test func cliConfigCurrentProfile() throws {
        let home = try FakeHome(config: Self.cliConfig, credentials: Self.ini)
        let credentials = try CredentialsChain(environment: [:], homeDirectory: home.path).resolve()
        #expect(credentials.accessKeyId == "LTAIdev000000000")
        #expect(credentials.securityToken == nil)
        #expect(credentials.source == "profile \"dev\" in \(home.path)/.aliyun/config.json")
    }

    @Test func explicitProfileBeatsEnvironmentProfileWhichBeatsCurrent() throws {
        let home = try FakeHome(config: Self.cliConfig)
        let fromArgument = try CredentialsChain(environment: ["ALIBABA_CLOUD_PROFILE": "default"], homeDirectory: home.path, profile: "sts").resolve()
        #expect(fromArgument.accessKeyId == "STS.abcdef123456")
        #expect(fromArgument.securityToken == "sts-token-value")
        let fromEnvironment = try CredentialsChain(environment: ["ALIBABA_CLOUD_PROFILE": "default"], homeDirectory: home.path).resolve()
        #expect(fromEnvironment.accessKeyId == "LTAIdefault0000")
    }

    @Test func unsupportedProfileModeIsReported() throws {
        let home = try FakeHome(config: Self.cliConfig)
        #expect(throws: CredentialsError.unsupportedProfile(name: "role", kind: "RamRoleArn", file: home.path + "/.aliyun/config.json")) {
            try CredentialsChain(environment: [:], homeDirectory: home.path, profile: "role").resolve()
        }
    }

    @Test func iniFileDefaultAndNamedSections() throws {
        let home = try FakeHome(credentials: Self.ini)
        let fallback = try CredentialsChain(environment: [:], homeDirectory: home.path).resolve()
        #expect(fallback.accessKeyId == "LTAIini00000000")
        #expect(fallback.source == "section [default] in \(home.path)/.alibabacloud/credentials")
        let named = try CredentialsChain(environment: ["ALIBABA_CLOUD_PROFILE": "project"], homeDirectory: home.path).resolve()
        #expect(named.accessKeyId == "LTAIproject0000")
        #expect(named.accessKeySecret == "project-secret")
        #expect(throws: CredentialsError.self) { try CredentialsChain(environment: [:], homeDirectory: home.path, profile: "ecs").resolve() }
    }

    @Test func profileMissingFromCLIConfigFallsBackToINI() throws {
        let home = try FakeHome(config: Self.cliConfig, credentials: Self.ini)
        #expect(try CredentialsChain(environment: [:], homeDirectory: home.path, profile: "project").resolve().accessKeyId == "LTAIproject0000")
    }

    @Test func cliProfileCanBeDisabled() throws {
        let home = try FakeHome(config: Self.cliConfig, credentials: Self.ini)
        let credentials = try CredentialsChain(environment: ["ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "true"], homeDirectory: home.path).resolve()
        #expect(credentials.accessKeyId == "LTAIini00000000")
    }

    @Test func filePathsFromEnvironment() throws {
        let home = try FakeHome()
        let other = try FakeHome(config: Self.cliConfig)
        let credentials = try CredentialsChain(environment: ["ALIBABA_CLOUD_CONFIG_FILE": other.path + "/.aliyun/config.json"],
                                               homeDirectory: home.path).resolve()
        #expect(credentials.accessKeyId == "LTAIdev000000000")
    }

    @Test func nothingFoundListsEveryPlace() throws {
        let home = try FakeHome()
        do {
            _ = try CredentialsChain(environment: [:], homeDirectory: home.path).resolve()
            Issue.record("expected an error")
        } catch {
            guard case .notFound(let searched) = error else { Issue.record("unexpected \(error)"); return }
            #expect(searched.count == 3)
            let text = error.description
            #expect(text.contains("ALIBABA_CLOUD_ACCESS_KEY_ID"))
            #expect(text.contains(home.path + "/.aliyun/config.json: no such file"))
            #expect(text.contains(home.path + "/.alibabacloud/credentials: no such file"))
        }
    }

    @Test func namedProfileMissingEverywhere() throws {
        let home = try FakeHome(config: Self.cliConfig, credentials: Self.ini)
        do {
            _ = try CredentialsChain(environment: [:], homeDirectory: home.path, profile: "nope").resolve()
            Issue.record("expected an error")
        } catch {
            guard case .profileNotFound("nope", let searched) = error else { Issue.record("unexpected \(error)"); return }
            #expect(searched.contains { $0.contains("no profile \"nope\"") })
            #expect(searched.contains { $0.contains("no section [nope]") })
        }
    }

    @Test func malformedConfigIsUnreadable() throws {
        let home = try FakeHome(config: "{not json")
        #expect(throws: CredentialsError.unreadable(file: home.path + "/.aliyun/config.json", reason: "not a JSON object")) {
            try CredentialsChain(environment: [:], homeDirectory: home.path).resolve()
        }
    }

    @Test func secretsNeverPrinted() throws {
        let credentials = AlibabaCredentials(accessKeyId: "LTAI5tAbCdEfGhIjKlMn", accessKeySecret: "super-secret-value",
                                             securityToken: "token-value-xyz", source: "test")
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [credentials.description, credentials.debugDescription, String(describing: credentials), String(reflecting: credentials),
                     "\(credentials)", dumped, String(describing: [credentials])] {
            #expect(!text.contains("super-secret-value"))
            #expect(!text.contains("token-value-xyz"))
        }
        #expect(credentials.description.contains("LTAI************KlMn"))
        #expect(credentials.description.contains("(sensitive)"))
    }

    @Test func errorsNeverContainSecrets() throws {
        let home = try FakeHome(config: """
        {"current": "half", "profiles": [{"name": "half", "mode": "StsToken", "access_key_id": "STS.x", "access_key_secret": "half-secret"}]}
        """)
        do {
            _ = try CredentialsChain(environment: [:], homeDirectory: home.path).resolve()
            Issue.record("expected an error")
        } catch {
            #expect(error == .incomplete(source: "profile \"half\" in \(home.path)/.aliyun/config.json", missing: "sts_token"))
            #expect(!error.description.contains("half-secret"))
        }
        do {
            _ = try CredentialsChain(environment: ["ALICLOUD_SECRET_KEY": "env-only-secret"], homeDirectory: home.path).resolve()
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("env-only-secret"))
        }
    }
}
