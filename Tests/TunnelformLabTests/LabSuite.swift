import Testing
import TunnelformTestSupport

/// All lab runs, one at a time: each starts four strongSwan daemons in four namespaces.
/// Skipped where the lab cannot run (not root, not Linux, strongSwan missing).
@Suite(.serialized, .labExclusive, .enabled(if: LabFixture.canRun, LabFixture.skipReason))
struct LabSuite {}
