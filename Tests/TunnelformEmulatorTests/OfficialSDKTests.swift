import Foundation
import Testing
import TunnelformTestSupport

/// Alibaba's official Python SDKs as the judge of the emulator and of the `alicloud` provider: runs the
/// suite in `Tests/sdk` (life cycle with the Tea V3, Tea RPC and core SDKs, each response checked against
/// its SDK model; the four signature negatives with each SDK; request conformance of a full apply,
/// modify and destroy). `.ci/run` installs the SDKs at the versions in `Tests/sdk/requirements.txt`;
/// without them the test is skipped, saying so.
@Suite("Official SDKs", .serialized)
struct OfficialSDKTests {
    static let modules = ["alibabacloud_vpc20160428", "alibabacloud_cbn20170912", "alibabacloud_tea_openapi", "aliyunsdkcore",
                          "aliyunsdkvpc", "aliyunsdkcbn"]

    /// Whether `python3` can import every SDK module.
    static let sdksImportable: Bool = {
        // A trait's condition is evaluated synchronously: the one synchronous run.
        let arguments = ["python3", "-c", "import " + modules.joined(separator: ", ")]
        guard let outcome = try? ProcessRun.run(launcher, arguments, in: BuiltProducts.packageRoot, environment: environment)
        else { return false }
        return outcome.status == 0
    }()

    static let launcher = URL(fileURLWithPath: "/usr/bin/env")

    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["TUNNELFORM_BIN_DIR"] = BuiltProducts.folder.path
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        return environment
    }

    /// Runs `python3` without holding a thread of the cooperative pool for the minutes the suite takes.
    static func python(_ arguments: [String]) async throws -> ProcessOutcome {
        try await ProcessRun.outcome(of: launcher, ["python3"] + arguments, in: BuiltProducts.packageRoot, environment: environment)
    }

    @Test("the SDK suite passes", .enabled(if: sdksImportable,
                                           "the official SDKs are not importable: python3 -m pip install -r Tests/sdk/requirements.txt"))
    func suitePasses() async throws {
        let outcome = try await Self.python(["-m", "unittest", "discover", "-s", "Tests/sdk", "-t", "Tests/sdk", "-v"])
        #expect(outcome.status == 0, "\(outcome.stdout)\n\(outcome.stderr)")
        // unittest prints `Ran N tests` and then `OK` (or `OK (skipped=…)`) on stderr.
        #expect(outcome.stderr.contains("\nOK"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("skipped="), "a part of the SDK suite was skipped:\n\(outcome.stderr)")
    }
}
