import Foundation
import Testing

/// An apply killed with SIGKILL at any point is resumed by the next apply without creating any
/// cloud object twice.
@Suite("interrupted apply", .serialized)
struct InterruptionTests {
    @Test(arguments: [0.3, 1.2, 2.4, 3.6])
    func killedApplyConverges(after seconds: Double) throws {
        var project = try Project()
        project.environment["TUNNELFORM_SIMULATOR_DELAYS"] = "1"
        let process = Process()
        process.executableURL = BinaryRunner.productsFolder.appendingPathComponent("tunnelform")
        process.arguments = ["apply", "--auto-approve"]
        process.currentDirectoryURL = project.folder
        process.environment = ProcessInfo.processInfo.environment.merging(project.environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus == 0)

        // A killed apply leaves its lock behind (unless killed before taking it): the next apply
        // reports it as stale, and it is broken by hand.
        if FileManager.default.fileExists(atPath: project.url("tunnelform.state.json.lock").path) {
            let locked = try project.run("apply", "--auto-approve")
            #expect(locked.status == 1)
            #expect(locked.stderr.contains("the lock is stale"), "\(locked.all)")
            #expect(try project.run("force-unlock").status == 0)
        }
        let resumed = try project.run("apply", "--auto-approve")
        #expect(resumed.status == 0, "\(resumed.all)")
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
