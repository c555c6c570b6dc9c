/// One OpenAPI operation with its parameters, before placement, flattening and signing.
public struct APICall: Sendable, Hashable {
    public var product: AlibabaProduct
    public var action: String
    /// The region whose endpoint serves the call (CBN ignores it: its endpoint is central).
    public var region: String
    public var parameters: [String: WireValue?]
    /// Values that must never appear in a message built from this call (keys, auth keys).
    public var sensitiveValues: [String]

    public init(_ product: AlibabaProduct, _ action: String, region: String, parameters: [String: WireValue?] = [:],
                sensitiveValues: [String] = []) {
        self.product = product
        self.action = action
        self.region = region
        self.parameters = parameters
        self.sensitiveValues = sensitiveValues
    }

    /// The actions whose `TunnelOptionsSpecification.*` parameters are `formData` in the API metadata.
    public static let formBodyActions: Set<String> = ["CreateVpnAttachment", "ModifyVpnAttachmentAttribute", "CreateVpnConnection"]

    /// Flattened parameters split by placement (`alibaba-api.md` §2.2): only
    /// `TunnelOptionsSpecification.*` of the form-body actions goes in the body; everything else in the query.
    public func placed(clientToken: String? = nil) -> (query: [String: String], form: [String: String]) {
        var flat = WireValue.flatten(parameters)
        if let clientToken { flat["ClientToken"] = clientToken }
        guard Self.formBodyActions.contains(action) else { return (flat, [:]) }
        var query: [String: String] = [:]
        var form: [String: String] = [:]
        for (key, value) in flat {
            if key.hasPrefix("TunnelOptionsSpecification.") { form[key] = value } else { query[key] = value }
        }
        return (query, form)
    }
}
