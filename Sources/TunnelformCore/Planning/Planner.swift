/// Compares the desired model with the refreshed state and produces the ordered plan.
///
/// Pure: no provider, no clock, no randomness. Linear in the number of objects: every lookup
/// goes through a dictionary built once.
public struct Planner: Sendable {
    public struct Input: Sendable {
        public var customerGateways: [CustomerGateway]
        public var connections: [VpnConnection]
        public var secrets: ResolvedSecrets
        /// The state after `Refresher`.
        public var state: State
        public var deletedOutside: Set<Refresher.ObjectKey>
        /// What the refresh found changed outside Tunnelform; shown with the plan and used for reasons.
        public var drift: [Drift]
        /// When set, only these addresses and what they depend on are planned (for destroy: what
        /// depends on them).
        public var targets: Set<ResourceAddress>?
        /// Everything in the state is to be deleted.
        public var destroying: Bool
        /// Secret checks decided ahead (in parallel, through the local cache); the rest are derived here.
        public var secretVerdicts: SecretVerdicts

        public init(customerGateways: [CustomerGateway], connections: [VpnConnection], secrets: ResolvedSecrets = ResolvedSecrets(),
                    state: State, deletedOutside: Set<Refresher.ObjectKey> = [], drift: [Drift] = [],
                    targets: Set<ResourceAddress>? = nil, destroying: Bool = false, secretVerdicts: SecretVerdicts = SecretVerdicts()) {
            self.customerGateways = customerGateways
            self.connections = connections
            self.secrets = secrets
            self.state = state
            self.deletedOutside = deletedOutside.union(drift.filter { $0.kind == .deleted }.map(\.key))
            self.drift = drift
            self.targets = targets
            self.destroying = destroying
            self.secretVerdicts = secretVerdicts
        }

        /// Everything in the state is to be deleted.
        public static func destroy(state: State, drift: [Drift] = [], targets: Set<ResourceAddress>? = nil) -> Input {
            Input(customerGateways: [], connections: [], state: state, drift: drift, targets: targets, destroying: true)
        }
    }

    /// What became of a desired customer gateway in this plan.
    enum GatewayOutcome {
        case existing(id: String)
        /// Created or replaced by the operation with this id.
        case new(operationId: String)
    }

    public init() {}

    public func plan(_ input: Input) -> Plan {
        var context = PlanningContext(input: input)
        context.planCustomerGateways()
        context.planConnections()
        context.planRemovedCustomerGateways()
        let (keep, warnings) = scope(input)
        let (operations, cycle) = context.builder.ordered(keeping: keep)
        var problems = context.problems.filter { keep?.contains($0.address) ?? true }
        if let first = cycle.first {
            let steps = (cycle + [first]).map { "\($0.action.rawValue) \($0.object.displayName) of \($0.address)" }
            problems.append(PlanProblem(address: first.address, field: "",
                                        message: "these operations wait for each other, so none can start: " + steps.joined(separator: " → "),
                                        hint: "change one of \(Set(cycle.map(\.address.description)).sorted().joined(separator: ", ")) in a separate apply"))
        }
        return Plan(lineage: input.state.lineage, serial: input.state.serial,
                    operations: Self.withDeviceChanges(operations), warnings: warnings,
                    drift: input.drift.filter { keep?.contains($0.address) ?? true }, problems: problems)
    }

    /// A plan that changes no cloud object: the drift, for `apply --refresh-only` to write into the state.
    public func refreshOnlyPlan(_ input: Input) -> Plan { refreshOnly(input).plan }

    /// The refresh-only plan and the addresses whose refreshed records `apply --refresh-only` writes
    /// (nil: all).
    public func refreshOnly(_ input: Input) -> (plan: Plan, keep: Set<ResourceAddress>?) {
        let (keep, warnings) = scope(input)
        let plan = Plan(lineage: input.state.lineage, serial: input.state.serial, operations: [], warnings: warnings,
                        refreshOnly: true, drift: input.drift.filter { keep?.contains($0.address) ?? true })
        return (plan, keep)
    }

    /// The operations with what each means for the on-premises devices. A connection that is only
    /// deleted needs no new device configuration.
    static func withDeviceChanges(_ operations: [PlanOperation]) -> [PlanOperation] {
        var built = Set<ResourceAddress>(), deleted = Set<ResourceAddress>()
        for operation in operations where operation.object == .connection && !operation.deposed {
            switch operation.action {
            case .create, .replace: built.insert(operation.address)
            case .delete: deleted.insert(operation.address)
            default: break
            }
        }
        return operations.map { operation in
            guard !deleted.contains(operation.address) || built.contains(operation.address) else { return operation }
            var annotated = operation
            var generated: [Int] = []
            if case .connection(let connection)? = operation.payload {
                generated = connection.tunnels.indices.filter { connection.tunnels[$0].preSharedKey == nil }.map { $0 + 1 }
            }
            annotated.deviceChanges = DeviceChange.of(operation, keysGeneratedByCloud: generated,
                                                      connectionIsNew: built.contains(operation.address))
            return annotated
        }
    }

    /// The addresses a targeted plan keeps (nil: all) and the warning that it is partial.
    public func scope(_ input: Input) -> (keep: Set<ResourceAddress>?, warnings: [String]) {
        guard let targets = input.targets else { return (nil, []) }
        let keep = PlanningContext(input: input).targetClosure(targets)
        let listed = targets.map(\.description).sorted().joined(separator: ", ")
        let scope = input.destroying ? "what depends on them" : "what they depend on"
        return (keep, ["This plan is partial: only \(listed) and \(scope). Other changes may be pending."])
    }
}

/// The working memory of one planning run.
struct PlanningContext: Sendable {
    let input: Planner.Input
    /// The records planning walks, in address order: those the manifests do not declare and those
    /// keeping deposed objects. A declared record is found from its declaration.
    let leftovers: [(address: ResourceAddress, resource: ResourceState)]
    var builder = PlanBuilder()
    /// Desired gateways by name and what happens to them.
    var gatewayOutcomes: [String: Planner.GatewayOutcome] = [:]
    /// Operations that must finish before a customer gateway id may be deleted: the connection
    /// operations that stop using it.
    var gatewayUsers: [String: [String]] = [:]
    /// Deletes of customer gateway ids, which wait for `gatewayUsers`.
    var gatewayDeletes: [String: String] = [:]
    /// Region-unique values (tunnel CIDRs) that operations of this plan take up or give up, so that
    /// `orderByTunnelCidrs` makes each taker wait for the giver.
    var tunnelCidrs = TunnelCidrMoves()
    /// What makes the manifests impossible to plan as written.
    var problems: [PlanProblem] = []

    /// This context without the operations and gateway users planned so far: for planning a part
    /// of the objects, to be merged back with `absorb`.
    func emptied() -> PlanningContext {
        var empty = self
        empty.builder = PlanBuilder()
        empty.gatewayUsers = [:]
        empty.tunnelCidrs = TunnelCidrMoves()
        empty.problems = []
        return empty
    }

    /// Takes in the operations and gateway users a part planned from `emptied()`.
    mutating func absorb(_ part: PlanningContext) {
        builder.add(contentsOf: part.builder)
        for (id, operations) in part.gatewayUsers { gatewayUsers[id, default: []] += operations }
        tunnelCidrs.absorb(part.tunnelCidrs)
        problems += part.problems
    }

    init(input: Planner.Input) {
        self.input = input
        var declared = Set<String>()
        declared.reserveCapacity(input.customerGateways.count + input.connections.count)
        for gateway in input.customerGateways { declared.insert(gateway.address.description) }
        for connection in input.connections { declared.insert(connection.address.description) }
        leftovers = input.state.sortedRecords { key, resource in !declared.contains(key) || !resource.deposed.isEmpty }
    }

    /// Why a record the manifests do not declare is deleted.
    var removedReason: String { input.destroying ? "destroy requested" : "not in manifests" }

    func reason(_ address: ResourceAddress, _ object: PlanObject) -> String {
        input.deletedOutside.contains(Refresher.ObjectKey(address: address, object: object)) ? "deleted outside Tunnelform" : "not in state"
    }

    /// Why an object is modified: the attributes the refresh found changed outside Tunnelform
    /// are put back; the others were changed in the manifests.
    func modifyReason(_ address: ResourceAddress, _ object: PlanObject, changes: [AttributeChange]) -> String {
        let drifted = Set(input.drift.filter { $0.address == address && $0.object == object && $0.kind == .changed }
            .flatMap(\.changes).map(\.name))
        let names = Set(changes.map(\.name))
        if drifted.isEmpty || names.isDisjoint(with: drifted) { return "changed in the manifests" }
        return names.isSubset(of: drifted) ? "changed outside Tunnelform" : "changed in the manifests and outside Tunnelform"
    }

    /// Why a route-table link or grant the manifests do not want is removed.
    func removalReason(_ address: ResourceAddress, _ object: PlanObject, fallback: String) -> String {
        input.drift.contains { $0.address == address && $0.object == object && $0.kind == .added } ? "switched on outside Tunnelform" : fallback
    }

    /// Targets plus the customer gateways their connections use; when destroying, targets plus
    /// the connections that use targeted gateways (they must go first).
    func targetClosure(_ targets: Set<ResourceAddress>) -> Set<ResourceAddress> {
        var closure = targets
        if input.destroying {
            let gateways = Set(targets.filter { $0.kind == .customerGateway }.compactMap { input.state[$0]?.customerGateway?.id })
            for (address, resource) in input.state.sortedRecords() where address.kind == .vpnConnection {
                let used = resource.connection?.tunnels.map(\.customerGatewayId) ?? []
                if used.contains(where: gateways.contains) { closure.insert(address) }
            }
            return closure
        }
        for connection in input.connections where targets.contains(connection.address) {
            for tunnel in connection.tunnels { closure.insert(ResourceAddress(.customerGateway, tunnel.customerGateway)) }
        }
        for address in targets {
            for tunnel in input.state[address]?.connection?.applied.tunnels ?? [] {
                closure.insert(ResourceAddress(.customerGateway, tunnel.customerGateway))
            }
        }
        return closure
    }

    /// The change of a secret slot: nil when the desired key matches the recorded digest or is
    /// left to the cloud.
    /// `name` is spelled out only for a change.
    func secretChange(_ slot: SecretSlot, name: @autoclosure () -> String, recorded: SecretDigest?, isNew: Bool) -> AttributeChange? {
        guard let value = input.secrets[slot] else {
            return isNew && slot.kind == .preSharedKey ? AttributeChange(name: name(), before: nil, after: "(generated by the cloud)") : nil
        }
        if !isNew, let recorded, input.secretVerdicts.matches(slot, digest: recorded, value: value) { return nil }
        // No digest for an existing object: the key was never set by Tunnelform or could not be read.
        return AttributeChange(name: name(), before: isNew ? nil : recorded != nil ? "(sensitive)" : slot.kind == .preSharedKey ? "(unknown)" : nil, after: "(sensitive)", sensitive: true)
    }
}
