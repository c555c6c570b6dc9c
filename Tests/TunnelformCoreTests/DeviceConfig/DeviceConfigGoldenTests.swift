import Testing
import TunnelformTestSupport
import TunnelformCore

/// The rendered device configurations of the three example manifests, pinned as golden files.
@Suite struct DeviceConfigGoldenTests {
    @Test func exampleManifestsLoadWithoutErrors() {
        let result = ManifestCheck.run(folder: DeviceConfigFixture.manifestsFolder, resolver: SecretResolver(environment: [:]))
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(Set(result.model.connections.map(\.value.name)) == Set(DeviceConfigFixture.exampleConnections))
    }

    @Test(arguments: DeviceConfigFixture.exampleConnections)
    func customerSwanctl(_ name: String) throws {
        let text = try StrongSwanConfig(DeviceConfigFixture.input(name)).swanctlConf()
        try DeviceConfigGolden.files.check(text, "\(name).swanctl.conf")
    }

    @Test(arguments: DeviceConfigFixture.exampleConnections)
    func cloudSwanctl(_ name: String) throws {
        let text = try CloudSideStrongSwanConfig(DeviceConfigFixture.input(name)).swanctlConf()
        try DeviceConfigGolden.files.check(text, "\(name).cloud.swanctl.conf")
    }

    @Test(arguments: DeviceConfigFixture.exampleConnections)
    func downloadConfigJSON(_ name: String) throws {
        let text = try DownloadConfig(DeviceConfigFixture.input(name)).json()
        try DeviceConfigGolden.files.check(text, "\(name).json")
    }

    @Test(arguments: DeviceConfigFixture.exampleConnections)
    func frrSnippet(_ name: String) throws {
        let input = try DeviceConfigFixture.input(name)
        let text = try StrongSwanConfig(input).frrBGPConf()
        if input.connection.bgp.enabled {
            try DeviceConfigGolden.files.check(try #require(text), "\(name).frr.conf")
        } else {
            #expect(text == nil)
        }
    }
}
