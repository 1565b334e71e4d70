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
        // The only module that touches libcurl.
        .target(name: "Transport", dependencies: ["CCurl", "IMAP", "SMTP"]),
        // The community domain: intake, moderation, subscribers, digest, spool.
        .target(name: "Community", dependencies: ["MIME", "SMTP"]),
        // Commands as a library, so that they can be tested.
        .target(name: "LearnMailCLI", dependencies: ["MIME", "IMAP", "SMTP", "Transport", "Community"]),
        .executableTarget(name: "learnmail", dependencies: ["LearnMailCLI"]),

        .testTarget(name: "MIMETests", dependencies: ["MIME"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IMAPTests", dependencies: ["IMAP"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SMTPTests", dependencies: ["SMTP"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "SMTP"]),
        .testTarget(
            name: "CommunityTests", dependencies: ["Community", "MIME", "SMTP"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "LearnMailCLITests",
            dependencies: ["LearnMailCLI", "Community", "MIME", "Transport", "IMAP", "SMTP"]),
    ],
    swiftLanguageModes: [.v6]
)
