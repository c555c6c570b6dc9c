import TunnelformCore

/// Counters for tests and operators: API calls per action, injected faults, rejected requests.
actor EmulatorStatistics {
    private var calls: [String: Int] = [:]
    private var faults: [String: Int] = [:]
    private var rejections: [String: Int] = [:]

    /// An authenticated call to a known action, counted whether or not a fault is injected.
    func recordCall(_ action: String) { calls[action, default: 0] += 1 }

    func recordFault(_ fault: FaultInjector.Fault) { faults[fault.rawValue, default: 0] += 1 }

    /// A request refused before it reached an action (bad signature, unknown key, unknown action, …), by error code.
    func recordRejection(_ code: String) { rejections[code, default: 0] += 1 }

    /// `{"calls": {action: n}, "totalCalls": n, "listCalls": n, "faults": {kind: n}, "rejected": {code: n}}`.
    ///
    /// `listCalls` counts the read-many actions (`Describe…s`, `List…`), the cost of a refresh.
    func snapshot() -> JSONValue {
        let listCalls = calls.filter { Self.isListAction($0.key) }.values.reduce(0, +)
        return .object([
            "calls": .object(calls.mapValues { .integer(Int64($0)) }),
            "totalCalls": .integer(Int64(calls.values.reduce(0, +))),
            "listCalls": .integer(Int64(listCalls)),
            "faults": .object(faults.mapValues { .integer(Int64($0)) }),
            "rejected": .object(rejections.mapValues { .integer(Int64($0)) }),
        ])
    }

    /// `List…` calls and plural `Describe…s` calls (`DescribeVpnConnections`, not `DescribeVpnConnection`).
    static func isListAction(_ action: String) -> Bool {
        action.hasPrefix("List") || (action.hasPrefix("Describe") && action.hasSuffix("s"))
    }
}

/// The verified requests, in arrival order, when `EmulatorConfiguration.recordsRequests` is set.
actor EmulatorRequestLog {
    private var entries: [JSONValue] = []

    func record(_ request: WireRequest, verified: SignatureVerifier.Verified, action: String) {
        func object(_ values: [String: String]) -> JSONValue { .object(values.mapValues(JSONValue.string)) }
        // Signing parameters are the transport's business, not the call's.
        let signing: Set<String> = ["AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp",
                                    "Format", "Version", "Action", "SecurityToken", "SignatureType"]
        let query = request.query.filter { verified.scheme == .v3 || !signing.contains($0.key) }
        entries.append(.object([
            "action": .string(action), "version": .string(verified.version ?? ""), "scheme": .string(verified.scheme.rawValue),
            "method": .string(request.method), "query": object(query), "form": object(request.form),
        ]))
    }

    /// `{"requests": [...]}`; `clear` empties the log afterwards.
    func snapshot(clear: Bool) -> JSONValue {
        defer { if clear { entries = [] } }
        return .object(["requests": .array(entries)])
    }
}
