import Foundation
import Testing
import TunnelformTestSupport

/// An apply killed with SIGKILL at any point is resumed by the next apply without creating any
/// cloud object twice.
@Suite("interrupted apply", .serialized)
struct InterruptionTests {
    @Test(arguments: [0.3, 1.2, 2.4, 3.6])
    func killedApplyConverges(after seconds: Double) throws {
        var project = try Project()
        project.environment["TUNNELFORM_SIMULATOR_DELAYS"] = "1"
        let process = try project.launch(["apply", "--auto-approve"])
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus == 0)

        // A killed apply leaves its lock behind (unless killed before taking it): its pid is gone on this
        // host, so the next apply takes it over with a warning and resumes.
        let leftLock = FileManager.default.fileExists(atPath: project.url("tunnelform.state.json.lock").path)
        let resumed = try project.run("apply", "--auto-approve")
        #expect(resumed.status == 0, "\(resumed.all)")
        if leftLock { #expect(resumed.stderr.contains("took over the state lock left by tunnelform apply"), "\(resumed.all)") }
        let settled = try project.run("plan", "--detailed-exitcode")
        #expect(settled.status == 0, "\(settled.all)")

        let cloud = try project.cloudObjects()
        #expect(cloud.gateways.count == 4, "\(cloud.gateways)")
        #expect(cloud.connections.count == 3, "\(cloud.connections)")
        #expect(Set(cloud.gateways.map(\.name)).count == cloud.gateways.count)
        #expect(Set(cloud.connections.map(\.name)).count == cloud.connections.count)
        let state = try project.read("tunnelform.state.json")
        for (id, _) in cloud.gateways + cloud.connections { #expect(state.contains(id), "\(id) is in the cloud but not in the state") }
        #expect(state.contains("\"pendingOperations\": []"))
    }
}

/// Ctrl-C and SIGTERM during an apply: the calls in flight finish and are recorded, none starts after,
/// the lock is released, and the next apply finishes the job.
@Suite("graceful interrupt", .serialized)
struct GracefulInterruptTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func theFirstInterruptFinishesWhatIsInFlight(_ signal: Int32) throws {
        var project = try Project()
        project.environment["TUNNELFORM_SIMULATOR_DELAYS"] = "2"
        let stderr = Pipe()
        let process = try project.launch(["apply", "--auto-approve"], stderr: stderr)
        // Once a connection is being created (its attach takes 2 s), interrupt.
        Thread.sleep(forTimeInterval: 2.5)
        kill(process.processIdentifier, signal)
        let output = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(output)")
        #expect(output.contains("Interrupt received: finishing the"), "\(output)")
        #expect(output.contains("operations in flight, starting no new ones"))
        #expect(!FileManager.default.fileExists(atPath: project.url("tunnelform.state.json.lock").path), "the lock is released")
        let state = try project.read("tunnelform.state.json")
        #expect(state.contains("\"pendingOperations\": []"), "every call that was in flight completed and was recorded")

        let resumed = try project.run("apply", "--auto-approve")
        #expect(resumed.status == 0, "\(resumed.all)")
        #expect(try project.run("plan", "--detailed-exitcode").status == 0)
        let cloud = try project.cloudObjects()
        #expect(Set(cloud.connections.map(\.name)).count == cloud.connections.count, "nothing was created twice")
        #expect(cloud.connections.count == 3)
    }
}
