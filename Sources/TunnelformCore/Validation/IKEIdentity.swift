/// An IKE identity as the cloud accepts it: an IPv4 address or an FQDN, no spaces, at most 100 characters.
enum IKEIdentity {
    enum Form { case ipAddress, fqdn }

    /// The form of `text`, or nil when it is neither.
    static func form(of text: String) -> Form? {
        guard !text.isEmpty, text.utf8.count <= 100 else { return nil }
        if IPv4Address(text) != nil { return .ipAddress }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        if labels.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }) { return nil }
        let valid = labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && label.first != "-" && label.last != "-"
                && label.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == UInt8(ascii: "-") }
        }
        return valid ? .fqdn : nil
    }
}
