import NIOConcurrencyHelpers

/// Waits for `body` at most `limit`. A call into the driver that never answers (seen when the
/// server ended the connection in the middle of a write's transaction) must not hold a command
/// forever: the caller stops waiting and the body, told to cancel, is left to end on its own.
enum Deadline {
    /// `body`'s value, or nil when `limit` passed first.
    static func run<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T? {
        let waiter = NIOLockedValueBox<CheckedContinuation<T?, any Error>?>(nil)
        let tasks = NIOLockedValueBox<[Task<Void, Never>]>([])
        @Sendable func finish(_ result: Result<T?, any Error>) {
            guard let continuation = waiter.withLockedValue({ value -> CheckedContinuation<T?, any Error>? in
                defer { value = nil }
                return value
            }) else { return }
            continuation.resume(with: result)
            for task in tasks.withLockedValue({ $0 }) { task.cancel() }
        }
        return try await withCheckedThrowingContinuation { continuation in
            waiter.withLockedValue { $0 = continuation }
            let work = Task {
                do { finish(.success(try await body())) } catch { finish(.failure(error)) }
            }
            let timer = Task {
                try? await Task.sleep(for: limit)
                if !Task.isCancelled { finish(.success(nil)) }
            }
            tasks.withLockedValue { $0 = [work, timer] }
        }
    }
}
