internal import CCurl

extension SMTPSender {
    /// Connects, greets (EHLO), logs in when credentials are configured, and sends `NOOP`: what
    /// `learnmail check` needs to say the sender works, without sending mail. The handle is left
    /// ready for `send` (upload mode, no custom command).
    public func verify() throws(TransportError) {
        easy.set(CURLOPT_UPLOAD, false)
        easy.set(CURLOPT_MAIL_RCPT, list: [])
        easy.set(CURLOPT_CUSTOMREQUEST, "NOOP")
        let outcome = easy.perform()
        easy.set(CURLOPT_CUSTOMREQUEST, nil)
        easy.set(CURLOPT_UPLOAD, true)
        guard outcome.succeeded else {
            throw TransportError.from(
                outcome, service: "SMTP", server: server.server, settingsKey: configuration.usernameSettingsKey,
                command: "NOOP")
        }
    }
}
