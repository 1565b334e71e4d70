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
        // SMTP's values, pure like MIME and IMAP: the envelope, a server's reply (code, enhanced
        // status, text) and what became of each recipient, carried whole from Transport's sender
        // through the mail sink to the outbox, the retry policy and the bounce count.
        .target(name: "SMTP"),
        // Crash-safe file writes, group commits and file locks: pure file-system helpers (Foundation
        // and Glibc only) that both Transport and Community write through.
        .target(name: "DurableFiles"),
        // The only module that touches libcurl.
        .target(name: "Transport", dependencies: ["CCurl", "IMAP", "SMTP", "DurableFiles"]),
        // The community domain: intake, moderation, subscriptions, digest, delivery, over the spool.
        .target(name: "Community", dependencies: ["MIME", "SMTP", "DurableFiles"]),
        // The engine's mail ports (MailSource, MailSink) on Transport: IMAP and Maildir in, SMTP and a
        // folder out, OAuth sign-ins, and the config → adapters wiring; so that Community is tested
        // without the CLI, and the CLI only chooses.
        .target(
            name: "MailAdapters", dependencies: ["MIME", "IMAP", "SMTP", "Transport", "Community", "DurableFiles"]),
        // Commands as a library, so that they can be tested.
        .target(
            name: "LearnMailCLI",
            dependencies: ["MIME", "IMAP", "SMTP", "Transport", "Community", "MailAdapters", "DurableFiles"]),
        .executableTarget(name: "learnmail", dependencies: ["LearnMailCLI"]),

        // The private Dovecot/Postfix the integration suites use (LEARNMAIL_TEST_*), read in one
        // place; Foundation only, so that any test target can depend on it.
        .target(name: "TestServerSupport", path: "Tests/Support/TestServerSupport"),
        // The sample community (config and contributions, as text) that both CommunityTests' engine
        // flows and LearnMailCLITests' Maildir flows run; Foundation only.
        .target(name: "SampleCommunity", path: "Tests/Support/SampleCommunity"),
        // Deterministic stand-ins for the engine's ports that several test targets use: the seeded
        // generator (SplitMix64) and a sink that refuses chosen recipients (RefusingSink).
        .target(name: "CommunityFakes", dependencies: ["Community", "SMTP"], path: "Tests/Support/CommunityFakes"),
        .testTarget(name: "MIMETests", dependencies: ["MIME"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IMAPTests", dependencies: ["IMAP"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SMTPTests", dependencies: ["SMTP"]),
        .testTarget(name: "DurableFilesTests", dependencies: ["DurableFiles"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "SMTP", "TestServerSupport"]),
        .testTarget(
            name: "CommunityTests", dependencies: ["Community", "MIME", "SMTP", "SampleCommunity", "CommunityFakes"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "MailAdaptersTests",
            dependencies: ["MailAdapters", "Community", "MIME", "SMTP", "Transport", "IMAP", "TestServerSupport"]),
        .testTarget(
            name: "LearnMailCLITests",
            dependencies: [
                "LearnMailCLI", "MailAdapters", "Community", "MIME", "SMTP", "Transport", "IMAP", "DurableFiles",
                "TestServerSupport", "SampleCommunity", "CommunityFakes",
            ]),
    ],
    swiftLanguageModes: [.v6]
)
