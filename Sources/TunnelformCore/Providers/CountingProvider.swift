/// A provider that counts the calls made through it and passes them on unchanged: observes per
/// region, mutating calls per action, status polls per object kind. For `TUNNELFORM_PROVIDER_STATS`
/// and the benchmarks, which check that a refresh costs a bounded number of calls.
public struct CountingProvider: CloudProvider {
    public let wrapped: any CloudProvider
    public let counts = ProviderCallCounts()

    public init(_ wrapped: any CloudProvider) { self.wrapped = wrapped }

    public func observe(region: String) async throws(CloudError) -> CloudInventory {
        await counts.record(.observe, region)
        return try await wrapped.observe(region: region)
    }

    public func execute(_ request: CloudRequest, idempotencyToken: String) async throws(CloudError) -> CloudResponse {
        await counts.record(.execute, request.action)
        return try await wrapped.execute(request, idempotencyToken: idempotencyToken)
    }

    public func status(of object: CloudObjectRef) async throws(CloudError) -> SettleStatus {
        await counts.record(.status, Self.kind(of: object))
        return try await wrapped.status(of: object)
    }

    public func connection(region: String, id: String) async throws(CloudError) -> CloudConnection? {
        await counts.record(.describe, "connection")
        return try await wrapped.connection(region: region, id: id)
    }

    static func kind(of object: CloudObjectRef) -> String {
        switch object {
        case .connection: "connection"
        case .transitRouterAttachment: "transitRouterAttachment"
        case .routeTableAssociation: "routeTableAssociation"
        case .routeTablePropagation: "routeTablePropagation"
        }
    }
}

/// The tallies of a `CountingProvider`.
public actor ProviderCallCounts {
    public enum Call: String, Sendable, CaseIterable { case observe, execute, status, describe }

    public private(set) var counts: [Call: [String: Int]] = [:]

    func record(_ call: Call, _ detail: String) {
        counts[call, default: [:]][detail, default: 0] += 1
    }

    public func total(_ call: Call) -> Int { counts[call]?.values.reduce(0, +) ?? 0 }

    /// One line: `observe 3 (cn-beijing 1, cn-hangzhou 1, cn-shanghai 1); execute 0; status 0; describe 0`.
    public func summary() -> String {
        Call.allCases.map { call in
            let details = (counts[call] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            return "\(call.rawValue) \(total(call))" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
        }.joined(separator: "; ")
    }
}
