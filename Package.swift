// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// The server's modules in release builds: generic code (the cart over its store, the guard over its
/// operation) is specialised across module boundaries instead of going through run-time metadata.
let server = strict + [.unsafeFlags(["-cross-module-optimization", "-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "cartd",
    products: [
        .executable(name: "cartd", targets: ["cartd"]),
        .library(name: "CartClient", targets: ["CartClient"]),
        .executable(name: "cartctl", targets: ["cartctl"]),
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
            name: "CLibPQ",
            path: "Sources/CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CHiredis",
            path: "Sources/CHiredis",
            pkgConfig: "hiredis",
            providers: [.apt(["libhiredis-dev"])]
        ),

        // The request's path: HTTP -> Idempotency -> Cart (-> SQLite or PostgreSQL), wired by cartd.
        .target(name: "HTTP", dependencies: ["CLinux"], swiftSettings: server),
        .target(name: "SQLite", dependencies: ["CSQLite"], swiftSettings: server),
        .target(name: "PostgreSQL", dependencies: ["CLibPQ"], swiftSettings: server),
        .target(name: "Redis", dependencies: ["CHiredis"], swiftSettings: server),
        // KeyProtocol.pml: the spin model of the key protocol, next to the code it describes (scripts/model-check.sh).
        .target(name: "Idempotency", dependencies: ["HTTP"], exclude: ["KeyProtocol.pml"], swiftSettings: server),
        .target(name: "Cart", dependencies: ["HTTP", "Idempotency", "SQLite", "PostgreSQL", "Redis"], swiftSettings: server),
        .executableTarget(name: "cartd", dependencies: ["HTTP", "Idempotency", "Cart", "SQLite"], swiftSettings: server),

        // The client's half of the agreement: nothing of the server, only the HTTP contract.
        .target(name: "CartClient", swiftSettings: strict),
        .executableTarget(name: "cartctl", dependencies: ["CartClient"], swiftSettings: strict),

        .testTarget(name: "HTTPTests", dependencies: ["HTTP"], swiftSettings: strict),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"], swiftSettings: strict),
        .testTarget(name: "PostgreSQLTests", dependencies: ["PostgreSQL"], swiftSettings: strict),
        .testTarget(name: "RedisTests", dependencies: ["Redis"], swiftSettings: strict),
        .testTarget(name: "IdempotencyTests", dependencies: ["Idempotency", "HTTP"], swiftSettings: strict),
        .testTarget(name: "CartTests", dependencies: ["Cart", "HTTP", "Idempotency", "SQLite"], swiftSettings: strict),
        .testTarget(name: "CartStoreTests", dependencies: ["Cart", "HTTP", "Idempotency", "PostgreSQL"], swiftSettings: strict),
        .testTarget(name: "CartdTests", dependencies: ["cartd"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["Cart", "HTTP", "Idempotency", "SQLite", "PostgreSQL"], swiftSettings: strict),
        .testTarget(name: "CartClientTests", dependencies: ["CartClient"], swiftSettings: strict),
    ]
)
