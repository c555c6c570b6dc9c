/// Counts of calls and retries, for the summary an apply prints at the end.
public actor ClientStatistics {
    public private(set) var calls = 0
    public private(set) var retries = 0
    public private(set) var retriesByCode: [String: Int] = [:]
    public private(set) var callsByAction: [String: Int] = [:]

    public init() {}

    func recordCall(action: String) {
        calls += 1
        callsByAction[action, default: 0] += 1
    }

    func recordRetry(code: String) {
        retries += 1
        retriesByCode[code, default: 0] += 1
    }
}
