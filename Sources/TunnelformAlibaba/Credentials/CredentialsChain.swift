import Foundation

/// Finds Alibaba Cloud credentials the way the official tools do; the first source found wins.
///
/// 1. Environment: `ALIBABA_CLOUD_ACCESS_KEY_ID`/`_SECRET`/`_SECURITY_TOKEN`, then the aliases the
///    aliyun CLI and Terraform read (`ALIBABACLOUD_…`, `ALICLOUD_…`, Terraform's `ALICLOUD_ACCESS_KEY`/
///    `ALICLOUD_SECRET_KEY`). The bare `ACCESS_KEY_ID`/`SECURITY_TOKEN` the CLI also reads are
///    deliberately ignored: too generic to trust.
/// 2. The aliyun CLI's `~/.aliyun/config.json` (or `ALIBABA_CLOUD_CONFIG_FILE`), profile named by the
///    caller (tunnelform.yaml), else `ALIBABA_CLOUD_PROFILE`, else the file's `current`, else `default`;
///    modes `AK` and `StsToken`. Skipped when `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true`.
/// 3. The SDKs' INI file `~/.alibabacloud/credentials` (or `ALIBABA_CLOUD_CREDENTIALS_FILE`), section named
///    as above or `default`, `type = access_key`.
///
/// Environment and home folder are injected, so tests run against fake ones.
public struct CredentialsChain: Sendable {
    public var environment: [String: String]
    public var homeDirectory: String
    /// The profile named in tunnelform.yaml; wins over `ALIBABA_CLOUD_PROFILE`.
    public var profile: String?

    public init(environment: [String: String], homeDirectory: String, profile: String? = nil) {
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.profile = profile
    }

    static let accessKeyIdVariables = ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABACLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"]
    static let accessKeySecretVariables = [
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABACLOUD_ACCESS_KEY_SECRET", "ALICLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY",
    ]
    static let securityTokenVariables = ["ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABACLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"]
    static let profileVariables = ["ALIBABA_CLOUD_PROFILE", "ALIBABACLOUD_PROFILE", "ALICLOUD_PROFILE"]

    public func resolve() throws(CredentialsError) -> AlibabaCredentials {
        var searched: [String] = []
        if let found = try fromEnvironment() { return found }
        searched.append("environment variables " + Self.accessKeyIdVariables.joined(separator: ", ")
            + " with " + Self.accessKeySecretVariables.joined(separator: ", ") + ": not set")

        let named = explicitProfileName
        if environment["ALIBABA_CLOUD_CLI_PROFILE_DISABLED"]?.lowercased() == "true" {
            searched.append("aliyun CLI config: skipped (ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true)")
        } else if let found = try fromCLIConfig(named: named, searched: &searched) {
            return found
        }
        if let found = try fromINIFile(named: named, searched: &searched) { return found }
        if let named { throw .profileNotFound(name: named, searched: searched) }
        throw .notFound(searched: searched)
    }

    /// The profile chosen by the caller or the environment; nil lets each file pick its default.
    var explicitProfileName: String? {
        if let profile, !profile.isEmpty { return profile }
        return firstValue(of: Self.profileVariables)?.value
    }

    func firstValue(of names: [String]) -> (name: String, value: String)? {
        for name in names {
            if let value = environment[name], !value.isEmpty { return (name, value) }
        }
        return nil
    }

    func fromEnvironment() throws(CredentialsError) -> AlibabaCredentials? {
        let id = firstValue(of: Self.accessKeyIdVariables)
        let secret = firstValue(of: Self.accessKeySecretVariables)
        switch (id, secret) {
        case (nil, nil):
            return nil
        case (let id?, nil):
            throw .incomplete(source: "environment (\(id.name))", missing: Self.accessKeySecretVariables[0])
        case (nil, let secret?):
            throw .incomplete(source: "environment (\(secret.name))", missing: Self.accessKeyIdVariables[0])
        case (let id?, let secret?):
            return AlibabaCredentials(accessKeyId: id.value, accessKeySecret: secret.value,
                                      securityToken: firstValue(of: Self.securityTokenVariables)?.value,
                                      source: "environment (\(id.name))")
        }
    }

    /// A path from the environment (with `~/` expanded) or the default below the home folder.
    func path(variable: String, default relative: String) -> String {
        guard let value = environment[variable], !value.isEmpty else {
            return (homeDirectory as NSString).appendingPathComponent(relative)
        }
        if value.hasPrefix("~/") { return (homeDirectory as NSString).appendingPathComponent(String(value.dropFirst(2))) }
        return value
    }

    /// The file's bytes, nil when it does not exist.
    func read(_ path: String) throws(CredentialsError) -> Data? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        guard !isDirectory.boolValue else { throw .unreadable(file: path, reason: "it is a folder") }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard data.count <= 1 << 20 else { throw CredentialsError.unreadable(file: path, reason: "larger than 1 MiB") }
            return data
        } catch let error as CredentialsError {
            throw error
        } catch {
            throw .unreadable(file: path, reason: error.localizedDescription)
        }
    }
}
