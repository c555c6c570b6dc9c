// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Tunnelform",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tunnelform", targets: ["tunnelform"]),
        .executable(name: "tunnelform-bench", targets: ["tunnelform-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(
            name: "TunnelformCore",
            dependencies: [
                "CYAML",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
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
            ]
        ),
        .target(
            name: "TunnelformCLI",
            dependencies: [
                "TunnelformCore",
                "TunnelformSimulator",
                "TunnelformAlibaba",
                "TunnelformLab",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TunnelformLab", dependencies: ["TunnelformCore"]),
        .executableTarget(name: "tunnelform", dependencies: ["TunnelformCLI"]),
        .target(name: "TunnelformBench", dependencies: ["TunnelformCore", "TunnelformSimulator"]),
        .executableTarget(
            name: "tunnelform-bench",
            dependencies: ["TunnelformBench", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "TunnelformCoreTests", dependencies: ["TunnelformCore"], exclude: ["DeviceConfig/Goldens"]),
        .testTarget(name: "TunnelformSimulatorTests", dependencies: ["TunnelformSimulator", "TunnelformCore"]),
        .testTarget(name: "TunnelformAlibabaTests", dependencies: ["TunnelformAlibaba", "TunnelformCore"]),
        .testTarget(name: "TunnelformCLITests", dependencies: ["TunnelformCLI", "TunnelformCore", "TunnelformLab", "TunnelformBench"], exclude: ["Goldens"]),
        .testTarget(name: "TunnelformLabTests", dependencies: ["TunnelformLab", "TunnelformCore"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
