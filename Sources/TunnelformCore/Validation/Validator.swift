/// Runs every validation rule over a decoded model.
public struct Validator: Sendable {
    public var rules: [any ValidationRule]

    public init(rules: [any ValidationRule] = Validator.allRules) { self.rules = rules }

    /// Every rule of `domain-rules.md`, in the order their diagnostics are usually read.
    public static let allRules: [any ValidationRule] = [
        UniqueNameRule(),
        NameFormatRule(),
        DescriptionFormatRule(),
        TagsRule(),
        GatewayAddressRangeRule(),
        GatewayAddressScopeRule(),
        GatewayASNRule(),
        CustomerGatewayReferenceRule(),
        RegionConsistencyRule(),
        TunnelCountRule(),
        ProtectedDataFlowsRule(),
        NetworkAddressRule(),
        NetworkOverlapRule(),
        MultipleNetworksNeedIKEv2Rule(),
        CrossAccountOwnerRule(),
        RoutesNeedCurrentAccountRule(),
        LifetimeRule(),
        IdentityFormatRule(),
        FQDNIdentityModeRule(),
        WeakEncryptionRule(),
        TunnelBGPRequiredRule(),
        BGPGatewayASNRule(),
        TunnelCidrRule(),
        BGPLocalIPRule(),
        DistinctTunnelCidrRule(),
        SecretFormatRule(),
        LiteralSecretRule(),
    ]

    public func validate(_ model: DesiredModel, invalidAddresses: Set<ResourceAddress> = []) -> [Diagnostic] {
        let context = ValidationContext(model: model, invalidAddresses: invalidAddresses)
        var diagnostics: [Diagnostic] = []
        for rule in rules { rule.check(context, into: &diagnostics) }
        return diagnostics
    }
}
