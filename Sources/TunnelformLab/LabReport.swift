import TunnelformCore

/// What the lab found for one connection: per tunnel, whether Phase 2 came up, whether traffic
/// passed, whether the forced rekey worked, and otherwise why not.
public struct LabReport: Sendable, Equatable {
    public var connection: ResourceAddress
    public var tunnels: [TunnelLabResult]
    /// The run's folder (configurations and daemon logs) when it was kept.
    public var keptFolder: String?
    /// What the run removed of earlier runs that were killed, one line each.
    public var cleanedLeftovers: [String]

    /// True when both tunnels came up, carried traffic and rekeyed: the CLI's exit status 0.
    public var passed: Bool { !tunnels.isEmpty && tunnels.allSatisfy(\.passed) }

    public init(connection: ResourceAddress, tunnels: [TunnelLabResult], keptFolder: String? = nil,
                cleanedLeftovers: [String] = []) {
        self.connection = connection
        self.tunnels = tunnels
        self.keptFolder = keptFolder
        self.cleanedLeftovers = cleanedLeftovers
    }
}

/// One tunnel's outcome.
public struct TunnelLabResult: Sendable, Equatable {
    public var index: Int
    public var tunnelId: String
    /// A CHILD_SA was installed on the customer side.
    public var phase2Established: Bool
    /// Every ping between the test hosts went through (before and after the rekey).
    public var trafficPassed: Bool
    /// The forced rekey of the CHILD_SA produced a new CHILD_SA.
    public var rekeyed: Bool
    /// Nil when everything worked.
    public var diagnosis: LabDiagnosis?
    /// Wall time of the tunnel's run, namespaces and daemons included.
    public var seconds: Double
    /// Which side started the negotiation (nil when none was tried).
    public var initiator: LabSide?
    /// What BGP did, for a BGP-enabled connection whose tunnel came up.
    public var bgp: BGPResult?
    /// The pings tried, `from → to`.
    public var testedHosts: [String]

    public init(index: Int, tunnelId: String, phase2Established: Bool, trafficPassed: Bool, rekeyed: Bool,
                diagnosis: LabDiagnosis?, seconds: Double, initiator: LabSide? = nil, bgp: BGPResult? = nil,
                testedHosts: [String] = []) {
        self.initiator = initiator
        self.bgp = bgp
        self.testedHosts = testedHosts
        self.index = index
        self.tunnelId = tunnelId
        self.phase2Established = phase2Established
        self.trafficPassed = trafficPassed
        self.rekeyed = rekeyed
        self.diagnosis = diagnosis
        self.seconds = seconds
    }

    public var passed: Bool { diagnosis == nil && phase2Established && trafficPassed && rekeyed }

    /// `Phase 2 negotiations succeeded`, as the console says, or the diagnosis.
    public var status: String { diagnosis?.description ?? "Phase 2 negotiations succeeded" }
}
