import Foundation
import Testing

@testable import Transport

@Suite struct DirectoryOutboxTests {
    static let message: [UInt8] = Array("From: a@example.org\r\nTo: b@example.org\r\nSubject: x\r\n\r\n.dot\r\n".utf8)

    @Test func writesEmlByteExactAndEnvelopeSidecar() throws {
        let directory = try TemporaryDirectory()
        let outbox = DirectoryOutbox(path: directory.path + "/out")
        let envelope = Envelope(
            from: "a@example.org", recipients: ["b@example.org", "c@example.org"], data: Self.message)
        let path = try outbox.deliver(envelope, name: "0001")
        #expect(path == directory.path + "/out/0001.eml")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(Self.message))
        let json = try String(contentsOfFile: directory.path + "/out/0001.envelope.json", encoding: .utf8)
        #expect(json == "{\"from\":\"a@example.org\",\"recipients\":[\"b@example.org\",\"c@example.org\"]}\n")
        #expect(try outbox.read(emlPath: path) == envelope)
        #expect(directory.list("out") == ["0001.eml", "0001.envelope.json"])  // no temp files left
    }

    @Test func generatedNamesAreUniqueAndOrdered() throws {
        let directory = try TemporaryDirectory()
        let outbox = DirectoryOutbox(path: directory.path)
        var paths: [String] = []
        for index in 0..<20 {
            paths.append(try outbox.deliver(Envelope(from: "", recipients: ["r\(index)@x"], data: [UInt8(index)])))
        }
        #expect(Set(paths).count == 20)
        let emls = directory.list("").filter { $0.hasSuffix(".eml") }
        #expect(emls.count == 20)
        #expect(
            try emls.map { try outbox.read(emlPath: directory.path + "/" + $0).data } == (0..<20).map { [UInt8($0)] })
    }

    @Test func neverOverwrites() throws {
        let directory = try TemporaryDirectory()
        let outbox = DirectoryOutbox(path: directory.path)
        try outbox.deliver(Envelope(from: "a@x", recipients: ["b@x"], data: [1]), name: "same")
        #expect(throws: TransportError.self) {
            try outbox.deliver(Envelope(from: "a@x", recipients: ["b@x"], data: [2]), name: "same")
        }
        #expect(try outbox.read(emlPath: directory.path + "/same.eml").data == [1])
    }

    @Test(arguments: ["../escape", ".hidden", ""])
    func refusesUnsafeNames(_ name: String) throws {
        let directory = try TemporaryDirectory()
        #expect(throws: TransportError.self) {
            try DirectoryOutbox(path: directory.path).deliver(
                Envelope(from: "a@x", recipients: ["b@x"], data: []), name: name)
        }
    }

    @Test func unwritableDirectoryIsAFileSystemError() {
        let outbox = DirectoryOutbox(path: "/proc/learnmail-no-such-dir/out")
        #expect {
            try outbox.deliver(Envelope(from: "a@x", recipients: ["b@x"], data: [1]))
        } throws: { error in
            if case .fileSystem = error as? TransportError { return true }
            return false
        }
    }

    @Test func aMessageDeliveredAgainUnderItsIdentityIsNotASecondFile() throws {
        let directory = try TemporaryDirectory()
        let outbox = DirectoryOutbox(path: directory.path)
        let envelope = Envelope(from: "a@x", recipients: ["b@x"], data: Self.message)
        var known = try outbox.delivered()
        let first = try outbox.deliver(envelope, identity: "abc123", known: &known)
        #expect(first.written)
        // A restarted process reads the folder afresh and hands the same message over again.
        var again = try outbox.delivered()
        let second = try outbox.deliver(envelope, identity: "abc123", known: &again)
        #expect(!second.written && second.path == first.path)
        #expect(directory.list("").filter { $0.hasSuffix(".eml") }.count == 1)
        // Another identity is another file, named after the first in time order.
        let other = try outbox.deliver(envelope, identity: "def456", known: &again)
        #expect(other.written && other.path > first.path)
    }

    @Test func aPairACrashLeftWithoutItsMessageIsCompletedUnderItsFirstName() throws {
        let directory = try TemporaryDirectory()
        let outbox = DirectoryOutbox(path: directory.path)
        let envelope = Envelope(from: "a@x", recipients: ["b@x"], data: Self.message)
        var known = try outbox.delivered()
        let path = try outbox.deliver(envelope, identity: "abc123", known: &known).path
        // Killed after the sidecar, before the .eml's rename: only the sidecar and a temp file remain.
        try FileManager.default.removeItem(atPath: path)
        let name = String(path.split(separator: "/").last!)
        try directory.write("." + name + ".tmp", "half a mess")
        var after = try outbox.delivered()
        #expect(after["abc123"]?.complete == false)
        #expect(!directory.list("").contains("." + name + ".tmp"))  // the cut-short write is gone
        let redone = try outbox.deliver(envelope, identity: "abc123", known: &after)
        #expect(redone.written && redone.path == path)
        #expect(try outbox.read(emlPath: path) == envelope)
        #expect(directory.list("").count == 2)
    }

    @Test(arguments: ["", "ABC", "a-b", "../x"])
    func refusesIdentitiesThatAreNotPlainLowercaseHex(_ identity: String) throws {
        let directory = try TemporaryDirectory()
        var known: [String: DirectoryOutbox.Delivered] = [:]
        #expect(throws: TransportError.self) {
            try DirectoryOutbox(path: directory.path).deliver(
                Envelope(from: "a@x", recipients: ["b@x"], data: [1]), identity: identity, known: &known)
        }
    }
}
