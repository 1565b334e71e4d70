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
        // Commands as a library, so that they can be tested.
        .target(name: "LearnMailCLI", dependencies: ["MIME", "IMAP", "Transport", "Community", "DurableFiles"]),
        .executableTarget(name: "learnmail", dependencies: ["LearnMailCLI"]),

        .testTarget(name: "MIMETests", dependencies: ["MIME"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IMAPTests", dependencies: ["IMAP"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DurableFilesTests", dependencies: ["DurableFiles"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport"]),
        .testTarget(name: "CommunityTests", dependencies: ["Community", "MIME"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "LearnMailCLITests",
            dependencies: ["LearnMailCLI", "Community", "MIME", "Transport", "IMAP", "DurableFiles"]),
    ],
    swiftLanguageModes: [.v6]
)
