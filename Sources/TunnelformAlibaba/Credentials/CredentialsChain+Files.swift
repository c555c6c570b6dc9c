import Foundation

extension CredentialsChain {
    /// A profile of the aliyun CLI's `config.json` (modes `AK` and `StsToken`).
    func fromCLIConfig(named: String?, searched: inout [String]) throws(CredentialsError) -> AlibabaCredentials? {
        let file = path(variable: "ALIBABA_CLOUD_CONFIG_FILE", default: ".aliyun/config.json")
        guard let data = try read(file) else {
            searched.append("aliyun CLI config \(file): no such file")
            return nil
        }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .unreadable(file: file, reason: "not a JSON object")
        }
        let current = (root["current"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        let name = named ?? current ?? "default"
        let profiles = root["profiles"] as? [[String: Any]] ?? []
        guard let profile = profiles.first(where: { $0["name"] as? String == name }) else {
            searched.append("aliyun CLI config \(file): no profile \"\(name)\"")
            return nil
        }
        let mode = profile["mode"] as? String ?? "AK"
        let source = "profile \"\(name)\" in \(file)"
        func field(_ key: String) throws(CredentialsError) -> String {
            guard let value = profile[key] as? String, !value.isEmpty else { throw .incomplete(source: source, missing: key) }
            return value
        }
        switch mode {
        case "AK":
            return AlibabaCredentials(accessKeyId: try field("access_key_id"), accessKeySecret: try field("access_key_secret"),
                                      source: source)
        case "StsToken":
            return AlibabaCredentials(accessKeyId: try field("access_key_id"), accessKeySecret: try field("access_key_secret"),
                                      securityToken: try field("sts_token"), source: source)
        default:
            throw .unsupportedProfile(name: name, kind: mode, file: file)
        }
    }

    /// A section of the SDKs' INI credentials file with `type = access_key`.
    func fromINIFile(named: String?, searched: inout [String]) throws(CredentialsError) -> AlibabaCredentials? {
        let file = path(variable: "ALIBABA_CLOUD_CREDENTIALS_FILE", default: ".alibabacloud/credentials")
        guard let data = try read(file) else {
            searched.append("credentials file \(file): no such file")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadable(file: file, reason: "not UTF-8 text") }
        let name = named ?? "default"
        guard let section = Self.parseINI(text)[name] else {
            searched.append("credentials file \(file): no section [\(name)]")
            return nil
        }
        let source = "section [\(name)] in \(file)"
        let type = section["type"] ?? "access_key"
        guard type == "access_key" else { throw .unsupportedProfile(name: name, kind: type, file: file) }
        guard let id = section["access_key_id"], !id.isEmpty else { throw .incomplete(source: source, missing: "access_key_id") }
        guard let secret = section["access_key_secret"], !secret.isEmpty else {
            throw .incomplete(source: source, missing: "access_key_secret")
        }
        return AlibabaCredentials(accessKeyId: id, accessKeySecret: secret, source: source)
    }

    /// `[section]` headers and `key = value` lines; `#` and `;` start comments; surrounding quotes are removed.
    static func parseINI(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                current = name
                sections[name, default: [:]] = sections[name] ?? [:]
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            sections[current, default: [:]][key] = value
        }
        return sections
    }
}
