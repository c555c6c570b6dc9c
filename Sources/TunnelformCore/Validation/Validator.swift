import Foundation

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
        MovedRule(),
    ]

    /// Every rule's diagnostics, in rule order. Rules only read the model, so they run on every core.
    public func validate(_ model: DesiredModel, invalidAddresses: Set<ResourceAddress> = []) -> [Diagnostic] {
        let context = ValidationContext(model: model, invalidAddresses: invalidAddresses)
        let rules = rules
        return Concurrently.map(rules.count) { index in
            var diagnostics: [Diagnostic] = []
            rules[index].check(context, into: &diagnostics)
            return diagnostics
        }.flatMap { $0 }
    }
}
