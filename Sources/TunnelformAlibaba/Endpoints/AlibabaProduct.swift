/// The two OpenAPI products Tunnelform calls.
public enum AlibabaProduct: String, Sendable, Hashable, CaseIterable {
    /// VPC 2016-04-28: customer gateways and IPsec-VPN connections.
    case vpc
    /// CBN (CEN) 2017-09-12: transit-router attachments, route tables, grants.
    case cbn

    public var apiVersion: String {
        switch self {
        case .vpc: "2016-04-28"
        case .cbn: "2017-09-12"
        }
    }

    /// The Terraform-style override variable, `ALIBABA_CLOUD_ENDPOINT_VPC` / `_CBN`.
    public var environmentVariable: String { "ALIBABA_CLOUD_ENDPOINT_" + rawValue.uppercased() }
}
