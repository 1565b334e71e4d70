import Foundation
import Testing

@testable import Community

/// The record of which message was in hand when the process died (`IntakeAttempts`), without
/// killing anything: the marker a dead process leaves is written by hand.
@Suite("Intake attempts")
struct IntakeAttemptsTests {
    static func spool(waiting keys: [SourceKey]) throws -> Spool {
        let spool = try temporarySpool()
        for key in keys { try spool.storeIncoming(key, bytes: Array("Subject: \(key)\r\n\r\nx\r\n".utf8)) }
        return spool
    }

    static func leaveMarker(_ spool: Spool, key: String, run: String) throws {
        try Data("\(key)\t\(run)\n".utf8).write(to: URL(fileURLWithPath: spool.path(IntakeAttempts.markerFile)))
    }

    @Test func aMarkerLeftByADeadProcessCountsOnceDurablyAndIsCleared() throws {
        let spool = try Self.spool(waiting: ["k-1", "k-2"])
        try Self.leaveMarker(spool, key: "k-2", run: "dead-run")
        let attempts = IntakeAttempts(spool: spool, run: "this-run")
        #expect(try attempts.recover()?.count == 1)
        #expect(attempts.count("k-2") == 1)
        #expect(attempts.count("k-1") == 0)
        #expect(try String(contentsOfFile: spool.path(IntakeAttempts.markerFile), encoding: .utf8).isEmpty)
        // Counted on disk: a new process knows it.
        #expect(IntakeAttempts(spool: spool).count("k-2") == 1)
        // The same marker found again (a crash between counting and clearing) is not counted twice.
        try Self.leaveMarker(spool, key: "k-2", run: "dead-run")
        #expect(try IntakeAttempts(spool: spool).recover()?.count == 1)
        // A second death on it, by another run, reaches the limit.
        try Self.leaveMarker(spool, key: "k-2", run: "second-dead-run")
        let later = IntakeAttempts(spool: spool)
        #expect(try later.recover()?.count == IntakeAttempts.limit)
    }

    @Test(arguments: [
        ("", "an empty marker: the last batch ended"),
        ("k-9\tdead-run\n", "a message no longer waiting"),
        ("k-1\n", "a marker without its run"),
        ("../../etc/passwd\tdead-run\n", "a name that is not a key"),
    ])
    func aMarkerThatBlamesNothingWaitingCountsNothing(marker: String, why: String) throws {
        let spool = try Self.spool(waiting: ["k-1"])
        try Data(marker.utf8).write(to: URL(fileURLWithPath: spool.path(IntakeAttempts.markerFile)))
        let attempts = IntakeAttempts(spool: spool)
        #expect(try attempts.recover() == nil, "\(why)")
        #expect(attempts.crashes.isEmpty, "\(why)")
        #expect(!FileManager.default.fileExists(atPath: spool.path(IntakeAttempts.crashesFile)), "\(why)")
    }

    @Test func theMarkerNamesOnlyTheMessageInHandAndEmptiesAtTheEnd() throws {
        let spool = try Self.spool(waiting: ["k-1", "k-2"])
        let attempts = IntakeAttempts(spool: spool, run: "r")
        attempts.begin()
        attempts.processing("maildir-a-rather-long-key-name")
        attempts.processing("k-2")
        // A shorter name written over a longer one leaves no tail.
        #expect(try String(contentsOfFile: spool.path(IntakeAttempts.markerFile), encoding: .utf8) == "k-2\tr\n")
        attempts.end()
        #expect(try String(contentsOfFile: spool.path(IntakeAttempts.markerFile), encoding: .utf8).isEmpty)
    }

    @Test func countsAreForgottenOnceTheMessageIsProcessed() throws {
        let spool = try Self.spool(waiting: ["k-1", "k-2"])
        try Self.leaveMarker(spool, key: "k-1", run: "dead")
        let attempts = IntakeAttempts(spool: spool)
        _ = try attempts.recover()
        try attempts.forget(processed: ["k-1"])  // not processed yet: kept
        #expect(attempts.count("k-1") == 1)
        try spool.markProcessed("k-1")
        try attempts.forget(processed: ["k-1", "k-2"])
        #expect(attempts.crashes.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: spool.path(IntakeAttempts.crashesFile)))
    }

    /// The note about a quarantined message quotes its header without the MIME parser.
    @Test(
        arguments: [
            ("Subject: plain\r\n\r\nbody", "plain"),
            ("subject:  lower case\r\n\r\n", "lower case"),
            ("Subject: folded\r\n over two\r\n\tlines\r\nFrom: x\r\n\r\n", "folded over two lines"),
            ("From: a\r\n\r\nSubject: in the body\r\n", nil),
            ("Subject-Line: not it\r\n\r\n", nil),
            ("Subject: =?utf-8?q?caf=C3=A9?=\n\n", "=?utf-8?q?caf=C3=A9?="),
            ("Subject: bad \u{1B}[31m escape\r\n\r\n", "bad [31m escape"),
        ] as [(String, String?)])
    func rawHeaderFieldsAreReadFromTheBytes(message: String, subject: String?) {
        #expect(Intake.rawField("Subject", in: Array(message.utf8)) == subject)
    }
}
