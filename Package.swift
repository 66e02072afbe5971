// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "cartd",
    products: [
        .executable(name: "cartd", targets: ["cartd"])
    ],
    targets: [
        // System C libraries: headers only, no Swift package dependencies.
        .systemLibrary(name: "CLinux", path: "Sources/CLinux"),
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CHiredis",
            path: "Sources/CHiredis",
            pkgConfig: "hiredis",
            providers: [.apt(["libhiredis-dev"])]
        ),

        // The request's path: HTTP -> Idempotency -> Cart (-> SQLite), wired by cartd.
        .target(name: "HTTP", dependencies: ["CLinux"], swiftSettings: strict),
        .target(name: "SQLite", dependencies: ["CSQLite"], swiftSettings: strict),
        .target(name: "Redis", dependencies: ["CHiredis"], swiftSettings: strict),
        .target(name: "Idempotency", dependencies: ["HTTP"], swiftSettings: strict),
        .target(name: "Cart", dependencies: ["HTTP", "Idempotency", "SQLite"], swiftSettings: strict),
        .executableTarget(name: "cartd", dependencies: ["HTTP", "Idempotency", "Cart", "SQLite"], swiftSettings: strict),

        .testTarget(name: "HTTPTests", dependencies: ["HTTP"], swiftSettings: strict),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"], swiftSettings: strict),
        .testTarget(name: "RedisTests", dependencies: ["Redis"], swiftSettings: strict),
        .testTarget(name: "IdempotencyTests", dependencies: ["Idempotency", "HTTP"], swiftSettings: strict),
        .testTarget(name: "CartTests", dependencies: ["Cart", "HTTP", "Idempotency", "SQLite"], swiftSettings: strict),
        .testTarget(name: "CartdTests", dependencies: ["cartd"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["Cart", "HTTP", "Idempotency", "SQLite"], swiftSettings: strict),
    ]
)
