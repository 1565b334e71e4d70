internal import CCurl
import IMAP

extension IMAPMailbox {
    /// Stores `message` in this mailbox with `APPEND` (RFC 3501 §6.3.11): libcurl uploads to the mailbox URL
    /// and sends the bytes as a synchronizing literal. libcurl 7.88 always adds the `\Seen` flag.
    ///
    /// For putting mail where learnmail reads it on servers without a local delivery path (the tests' Cyrus
    /// and Courier); the message should have CRLF line ends, as IMAP stores and serves them.
    public func append(_ message: [UInt8]) throws(TransportError) {
        easy.set(CURLOPT_CUSTOMREQUEST, nil as String?)
        easy.set(CURLOPT_BUFFERSIZE, IMAPMailbox.bufferSize)
        easy.set(CURLOPT_URL, mailboxURL)
        easy.set(CURLOPT_UPLOAD, true)
        easy.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(message.count))
        easy.setUpload(message)
        let outcome = easy.perform()
        // The handle does every other transfer as a download: leave it so.
        easy.set(CURLOPT_UPLOAD, false)
        easy.setUpload([])
        lastStatus = nil
        guard outcome.succeeded else { throw error(outcome, command: "APPEND \(mailbox)") }
    }
}
