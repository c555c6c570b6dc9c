import Testing

/// One lab run at a time across every test target: a run cleans up the namespaces and daemons of
/// runs whose process is gone, so a test that kills a run and then looks at what it left must not
/// overlap another suite's run. Applied to a suite, it covers each of its tests.
public struct LabExclusive: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard testCase != nil else { return try await function() }
        await LabTurn.shared.take()
        do {
            try await function()
            await LabTurn.shared.give()
        } catch {
            await LabTurn.shared.give()
            throw error
        }
    }
}

extension Trait where Self == LabExclusive {
    /// Lab runs of this suite never overlap those of another.
    public static var labExclusive: Self { LabExclusive() }
}

/// A first-come, first-served turn for lab tests.
actor LabTurn {
    static let shared = LabTurn()
    private var taken = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func take() async {
        guard taken else {
            taken = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func give() {
        if waiting.isEmpty { taken = false } else { waiting.removeFirst().resume() }
    }
}
