import TunnelformSimulator

/// Draws the injected failure, if any, for each API call from one seeded generator.
///
/// One uniform draw per call is split into the three rates, so they add up: with 0.2, 0.05 and 0.03,
/// 72 % of calls go through untouched. Calls arrive concurrently, so which call gets which draw depends on
/// arrival order; the rates, not the exact calls, are what a seed makes repeatable.
actor FaultInjector {
    /// What happens to one call.
    enum Fault: String, Sendable, CaseIterable {
        /// `Throttling.User`, HTTP 400, before the call is carried out.
        case throttle = "throttled"
        /// `ServiceUnavailable`, HTTP 503, before the call is carried out.
        case unavailable
        /// The call is carried out and its connection closed without an answer.
        case drop = "dropped"
    }

    let settings: FaultSettings
    private var random: SimulatedSeededRandom

    init(settings: FaultSettings) {
        self.settings = settings
        var system = SystemRandomNumberGenerator()
        random = SimulatedSeededRandom(seed: settings.seed ?? system.next())
    }

    func draw() -> Fault? {
        guard settings.isActive else { return nil }
        let unit = Double(random.next() >> 11) / Double(UInt64(1) << 53)
        var threshold = settings.throttleRate
        if unit < threshold { return .throttle }
        threshold += settings.unavailableRate
        if unit < threshold { return .unavailable }
        threshold += settings.dropRate
        if unit < threshold { return .drop }
        return nil
    }
}
