import Foundation

/// A daemon's `Process`, shared between the task that started it and the one that stops it.
/// Process is not Sendable; every use here is either before `run()` or a thread-safe query or signal.
///
/// Daemons stay on Foundation's `Process` rather than swift-subprocess: they outlive the call that
/// starts them and are stopped by pid (also from the interruption handler), while a Subprocess run is
/// scoped to one `run` call that returns only once the process has ended.
final class ProcessBox: @unchecked Sendable {
    let process = Process()
}
