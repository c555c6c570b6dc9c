// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Tunnelform",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tunnelform", targets: ["tunnelform"]),
        .executable(name: "tunnelform-emulator", targets: ["tunnelform-emulator"]),
        .executable(name: "tunnelform-bench", targets: ["tunnelform-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .systemLibrary(name: "CMalloc"),
        .target(
            name: "TunnelformCore",
            dependencies: [
                "CYAML",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "TunnelformSimulator",
            dependencies: ["TunnelformCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "TunnelformAlibaba",
            dependencies: [
                "TunnelformCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "TunnelformCLI",
            dependencies: [
                "TunnelformCore",
                "TunnelformSimulator",
                "TunnelformAlibaba",
                "TunnelformLab",
                "TunnelformPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "TunnelformPostgres",
            // Postgres → Core, never the other way: Core knows only the StateBackend protocol.
            dependencies: [
                "TunnelformCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "TunnelformEmulator",
            // Emulator → Simulator → Core: never the Alibaba provider, whose requests it judges.
            dependencies: [
                "TunnelformCore",
                "TunnelformSimulator",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .target(
            name: "TunnelformLab",
            dependencies: [
                "TunnelformCore",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .executableTarget(
            name: "tunnelform",
            dependencies: ["TunnelformCLI", "CMalloc", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "tunnelform-emulator",
            dependencies: ["TunnelformEmulator", "TunnelformSimulator", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "TunnelformBench", dependencies: ["TunnelformCore", "TunnelformSimulator"]),
        .executableTarget(
            name: "tunnelform-bench",
            dependencies: ["TunnelformBench", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Running the built binaries from tests: shared by the CLI and emulator test targets.
        .target(
            name: "TunnelformTestSupport",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            path: "Tests/TunnelformTestSupport"
        ),
        .testTarget(name: "TunnelformCoreTests", dependencies: ["TunnelformCore", "TunnelformTestSupport"], exclude: ["DeviceConfig/Goldens"]),
        .testTarget(name: "TunnelformSimulatorTests", dependencies: ["TunnelformSimulator", "TunnelformCore"]),
        .testTarget(name: "TunnelformAlibabaTests", dependencies: ["TunnelformAlibaba", "TunnelformCore"]),
        .testTarget(name: "TunnelformCLITests", dependencies: ["TunnelformCLI", "TunnelformCore", "TunnelformSimulator", "TunnelformLab", "TunnelformBench", "TunnelformTestSupport"], exclude: ["Goldens"]),
        .testTarget(
            name: "TunnelformEmulatorTests",
            dependencies: ["TunnelformEmulator", "TunnelformAlibaba", "TunnelformSimulator", "TunnelformCore", "TunnelformTestSupport"]
        ),
        .testTarget(
            name: "TunnelformPostgresTests",
            dependencies: ["TunnelformPostgres", "TunnelformCore", "TunnelformTestSupport"]
        ),
        .testTarget(name: "TunnelformLabTests", dependencies: ["TunnelformLab", "TunnelformCore", "TunnelformTestSupport"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

// Every existential is spelled `any`, and a file sees only the members of modules it imports itself.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility")]
}
