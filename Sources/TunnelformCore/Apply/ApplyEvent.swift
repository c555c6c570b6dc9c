/// What the apply engine reports as it goes; the CLI turns these into progress lines.
public enum ApplyEvent: Sendable {
    case started(PlanOperation)
    case retrying(PlanOperation, CloudError, attempt: Int, delay: Double)
    /// Still waiting for an asynchronous change (every 10 seconds).
    case waiting(PlanOperation, state: String, elapsed: Int)
    case completed(PlanOperation, seconds: Double)
    case failed(PlanOperation, String)
    /// Not started because the operation it waits for (nil: an earlier failure) did not complete.
    case skipped(PlanOperation, because: PlanOperation?)
}

/// The outcome of an apply.
public struct ApplyReport: Sendable {
    public var completed: [String] = []
    public var failed: [(id: String, message: String)] = []
    public var skipped: [String] = []
    public var retries = 0
    /// Stopped by an interrupt: what did not start is in `skipped`, and the next apply resumes.
    public var interrupted = false

    public var succeeded: Bool { failed.isEmpty && skipped.isEmpty }
}
