import Foundation
import Testing
@testable import TunnelformLab

/// `Command` on programs every Linux machine has: no root, no strongSwan.
@Suite struct CommandTests {
    @Test func collectsBothStreamsTheStatusAndTheExtraEnvironment() async throws {
        let result = try await Command.run("/bin/sh", ["-c", "echo out $TF_COMMAND_TEST; echo err >&2; exit 3"],
                                           environment: ["TF_COMMAND_TEST": "set"])
        #expect(result.status == 3 && !result.timedOut && !result.succeeded)
        #expect(result.stdout == "out set\n")
        #expect(result.stderr == "err\n")
        #expect(result.output == "out set\n\nerr\n")
    }

    @Test func inheritsThisProcessEnvironment() async throws {
        let result = try await Command.run("/bin/sh", ["-c", "echo $PATH"])
        #expect(result.succeeded)
        #expect(result.stdout == (ProcessInfo.processInfo.environment["PATH"] ?? "") + "\n")
    }

    // The bounds on elapsed time are loose: in `swift test` the synchronous tests that run binaries
    // can hold every thread of the cooperative pool for tens of seconds, and these tasks wait for one.
    @Test func aCommandPastItsTimeoutIsKilledAndKeepsWhatItPrinted() async throws {
        let started = ContinuousClock.now
        let result = try await Command.run("/bin/sh", ["-c", "echo early; exec sleep 300"], timeout: 0.3)
        #expect(ContinuousClock.now - started < .seconds(200))
        #expect(result.timedOut && !result.succeeded)
        #expect(result.status == SIGKILL)
        #expect(result.stdout == "early\n")
    }

    @Test func aQuickCommandDoesNotWaitForItsTimeout() async throws {
        let started = ContinuousClock.now
        let result = try await Command.run("/bin/true", [], timeout: 300)
        #expect(result.succeeded)
        #expect(ContinuousClock.now - started < .seconds(200))
    }

    @Test func checkThrowsWithTheOutput() async throws {
        await #expect(throws: LabError.self) { try await Command.check("/bin/sh", ["-c", "echo nope >&2; exit 1"]) }
    }
}
