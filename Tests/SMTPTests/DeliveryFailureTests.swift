import Foundation
import Testing

@testable import SMTP

/// What became of a recipient, as the outbox keeps it on one line, and the envelope's sidecar form.
@Suite struct DeliveryFailureTests {
    @Test(
        "one line each, and whether retrying can help",
        arguments: [
            (DeliveryFailure.refused(Reply(code: 451, text: "4.3.0 try later")), "451 4.3.0 try later", false),
            (.refused(Reply(code: 550, text: "5.1.1 User unknown")), "550 5.1.1 User unknown", true),
            (.unanswered("no answer"), "0 no answer", false),
            (.unanswered("Couldn't connect to server"), "0 Couldn't connect to server", false),
            (.unsendable("address \"b@x>\" contains a line break"), "0 address \"b@x>\" contains a line break", true),
        ] as [(DeliveryFailure, String, Bool)])
    func failures(_ failure: DeliveryFailure, _ line: String, _ permanent: Bool) {
        #expect(failure.description == line)
        #expect(failure.isPermanent == permanent)
        #expect(RecipientStatus.failed(failure).failure == failure)
        #expect(!RecipientStatus.failed(failure).isAccepted)
        // The reply, code and enhanced status included, only where the server gave one.
        #expect(failure.reply == Reply(line))
    }

    @Test func acceptedHasNoFailure() {
        #expect(RecipientStatus.accepted.isAccepted)
        #expect(RecipientStatus.accepted.failure == nil)
    }

    /// A directory outbox's sidecar: the envelope without the message, keys sorted.
    @Test func envelopeCodesWithoutItsMessage() throws {
        let envelope = Envelope(from: "b+x@example.org", recipients: ["a@x", "ü@x"], data: Array("m\r\n".utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(envelope), as: UTF8.self)
        #expect(json == #"{"from":"b+x@example.org","recipients":["a@x","ü@x"]}"#)
        let decoded = try JSONDecoder().decode(Envelope.self, from: Data(json.utf8))
        #expect(decoded == Envelope(from: envelope.from, recipients: envelope.recipients, data: []))
    }
}
