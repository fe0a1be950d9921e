// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "safestats",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SafeStats", targets: ["SafeStats"]),
        .executable(name: "safestats", targets: ["safestats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The quarterly job's configuration file (YAML) and its logs.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The job's history of releases (embedded SQLite).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The zip container of tables.xlsx.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        // SHA-256 with the processor's SHA extensions, for pseudonyms and file digests.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        // A prefetch hint for the hash tables every input record reaches (Swift has none).
        .target(name: "CPrefetch"),
        .target(
            name: "SafeStats",
            dependencies: [
                "CSodium", "COpenSSL", "CGLPK", "CPrefetch",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "safestats",
            dependencies: [
                "SafeStats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "safestats-bench",
            dependencies: ["SafeStats"]
        ),
        .testTarget(
            name: "SafeStatsTests",
            dependencies: ["SafeStats"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["safestats"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
