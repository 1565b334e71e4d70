// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "learnmail",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "learnmail", targets: ["learnmail"])
    ],
    targets: [
        // libcurl, wrapped in typed C shims; imported only by Transport.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // Pure, deterministic cores: bytes in, values out, no I/O.
        .target(name: "MIME"),
        .target(name: "IMAP"),
        // Crash-safe file writes, group commits and file locks: pure file-system helpers (Foundation
        // and Glibc only) that both Transport and Community write through.
        .target(name: "DurableFiles"),
        // The only module that touches libcurl.
        .target(name: "Transport", dependencies: ["CCurl", "IMAP", "DurableFiles"]),
        // The community domain: intake, moderation, subscribers, digest, spool.
        .target(name: "Community", dependencies: ["MIME", "DurableFiles"]),
        // The engine's mail ports (MailSource, MailSink) on Transport: IMAP and Maildir in, SMTP and a
        // folder out, OAuth sign-ins, and the config → adapters wiring; so that Community is tested
        // without the CLI, and the CLI only chooses.
        .target(name: "MailAdapters", dependencies: ["MIME", "IMAP", "Transport", "Community", "DurableFiles"]),
        // Commands as a library, so that they can be tested.
        .target(
            name: "LearnMailCLI", dependencies: ["MIME", "IMAP", "Transport", "Community", "MailAdapters", "DurableFiles"]),
        .executableTarget(name: "learnmail", dependencies: ["LearnMailCLI"]),

        // The private Dovecot/Postfix the integration suites use (LEARNMAIL_TEST_*), read in one
        // place; Foundation only, so that any test target can depend on it.
        .target(name: "TestServerSupport", path: "Tests/Support/TestServerSupport"),
        // The sample community (config and contributions, as text) that both CommunityTests' engine
        // flows and LearnMailCLITests' Maildir flows run; Foundation only.
        .target(name: "SampleCommunity", path: "Tests/Support/SampleCommunity"),
        .testTarget(name: "MIMETests", dependencies: ["MIME"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IMAPTests", dependencies: ["IMAP"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DurableFilesTests", dependencies: ["DurableFiles"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "TestServerSupport"]),
        .testTarget(
            name: "CommunityTests", dependencies: ["Community", "MIME", "SampleCommunity"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "MailAdaptersTests",
            dependencies: ["MailAdapters", "Community", "MIME", "Transport", "IMAP", "TestServerSupport"]),
        .testTarget(
            name: "LearnMailCLITests",
            dependencies: [
                "LearnMailCLI", "MailAdapters", "Community", "MIME", "Transport", "IMAP", "DurableFiles",
                "TestServerSupport", "SampleCommunity",
            ]),
    ],
    swiftLanguageModes: [.v6]
)
