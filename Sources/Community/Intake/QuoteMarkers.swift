import Foundation

/// Recognisers for the lines mail clients write around quoted and forwarded text, in English,
/// Welsh, French, German and Spanish. Each works on one trimmed line (or two or three joined
/// lines for attributions that clients wrap) and errs on the side of "not a marker": a line
/// that is not recognised stays in the contribution.
enum QuoteMarkers {
    /// Verbs that end an attribution line ("On …, Ann wrote:").
    static let attributionVerbs = [
        "wrote", "writes", "ysgrifennodd", "a écrit", "schrieb", "escribió", "escribio", "ha scritto", "schreef",
        "skrev",
    ]
    /// How attributions start in Gmail, Apple Mail, Thunderbird and mutt in those languages.
    static let attributionStarts = ["on ", "ar ", "le ", "am ", "el ", "op ", "il ", "den ", "* "]

    /// Lines that start a forwarded message (Gmail, Apple Mail, Thunderbird; localised).
    static let forwardPhrases = [
        "forwarded message", "begin forwarded message", "forwarded message follows", "début du message réexpédié",
        "message transféré", "message réexpédié", "anfang der weitergeleiteten nachricht", "weitergeleitete nachricht",
        "inicio del mensaje reenviado", "mensaje reenviado", "neges wedi'i hanfon ymlaen",
        "neges a anfonwyd ymlaen", "dechrau'r neges a anfonwyd ymlaen",
    ]

    /// Separators that start Outlook's and Samsung's quoted original ("-----Original Message-----").
    static let originalPhrases = [
        "original message", "ursprüngliche nachricht", "originalnachricht", "original-nachricht", "message d'origine",
        "mensaje original", "neges wreiddiol", "messaggio originale", "oorspronkelijk bericht",
    ]

    static let fromLabels: Set<String> = ["from", "von", "de", "van", "da", "oddi wrth", "oddi", "fra", "från", "od"]
    static let dateLabels: Set<String> = [
        "sent", "date", "gesendet", "datum", "envoyé", "enviado", "enviada", "fecha", "anfonwyd", "dyddiad",
        "verzonden",
        "inviato", "data", "wedi'i anfon", "sent at",
    ]
    static let toLabels: Set<String> = [
        "to", "an", "à", "a", "para", "at", "aan", "cc", "i", "kopi", "bcc", "reply-to",
    ]
    static let subjectLabels: Set<String> = [
        "subject", "betreff", "objet", "asunto", "pwnc", "onderwerp", "oggetto", "assunto", "testun",
    ]

    /// "Sent from my iPhone" and its relatives: device and app footers, one line each.
    static let deviceFooters = [
        "sent from my ", "sent from outlook", "sent from mail for windows", "sent from yahoo mail", "sent from samsung",
        "sent from the all new aol", "sent from proton mail", "sent from protonmail", "sent via the samsung",
        "get outlook for ios", "get outlook for android", "get outlook for mac", "envoyé de mon ", "envoyé depuis mon ",
        "obtenir outlook pour", "von meinem ", "gesendet von meinem", "outlook für ios", "outlook für android",
        "enviado desde mi ", "enviado desde outlook", "obtener outlook para", "anfonwyd o fy ", "anfonwyd o'm ",
    ]

    static func lower(_ s: String) -> String { s.lowercased() }

    /// "> text", "» text", "| text" (mutt and some web mail).
    static func isQuoted(_ line: String) -> Bool {
        guard let first = line.first else { return false }
        return first == ">" || first == "»"
    }

    /// True for a line that is an attribution by itself: ends with ":" and holds a verb as a word
    /// ("…, Ann wrote:"; German and Welsh put the name after it: "…, schrieb Ann <a@b>:").
    static func isAttributionText(_ text: String) -> Bool {
        guard text.utf8.last == UInt8(ascii: ":") else { return false }
        let t = lower(text)
        guard t.hasSuffix(":"), t.count <= 300 else { return false }
        let body = " " + t.dropLast().trimmedWhitespace + " "
        return attributionVerbs.contains { body.contains(" \($0) ") }
    }

    static func startsLikeAttribution(_ text: String) -> Bool {
        let t = lower(text)
        return attributionStarts.contains(where: { t.hasPrefix($0) })
    }

    /// The forward start line of Gmail, Apple Mail and Thunderbird ("---------- Forwarded message ---------").
    static func isForwardMarker(_ line: String) -> Bool {
        guard ScalarText.containsIgnoringASCIICase(line, anyOf: forwardWords) else { return false }
        let t = lower(line).trimmedWhitespace
        guard t.count <= 90 else { return false }
        let core = t.trimmingCharacters(in: CharacterSet(charactersIn: "-–—_=* :"))
        return forwardPhrases.contains(core) || forwardPhrases.contains(where: { core == $0 + ":" })
            || ((t.hasPrefix("--") || t.hasSuffix(":")) && forwardPhrases.contains(where: { core.hasPrefix($0) }))
    }

    /// Every forward phrase holds one of these words (none has a "k" or ends in "i", as
    /// `ScalarText.containsIgnoringASCIICase` needs): a line without them is no forward marker.
    static let forwardWords = ["message", "nachricht", "mensaje", "neges"].map { Array($0.utf8) }

    /// "-----Original Message-----", "-------- Original message --------" and localisations.
    static func isOriginalSeparator(_ line: String) -> Bool {
        // Lowercasing and trimming keep a leading "-" and make no other scalar one.
        guard line.unicodeScalars.first(where: { !ScalarText.isWhitespace($0) }) == "-" else { return false }
        let t = lower(line).trimmedWhitespace
        guard t.hasPrefix("---"), t.count <= 80 else { return false }
        let core = t.trimmingCharacters(in: CharacterSet(charactersIn: "-–— "))
        return originalPhrases.contains(core)
    }

    /// Outlook's underscore rule above the quoted header block.
    static func isUnderscoreRule(_ line: String) -> Bool {
        // All Characters "_" exactly when all bytes are "_" (an underscore with a combining mark
        // is another Character and has other bytes); then the count is the byte count.
        line.utf8.count >= 10 && line.utf8.allSatisfy { $0 == UInt8(ascii: "_") }
    }

    /// `Label: value` at the start of a line (labels as Outlook and Gmail print them, including
    /// "*From:*" bold markers and French "De :"); returns the lowercased label and the value.
    static func headerLine(_ line: String) -> (label: String, value: String)? {
        guard line.utf8.contains(UInt8(ascii: ":")) else { return nil }
        var t = Substring(line.trimmedWhitespace)
        while t.first == "*" { t = t.dropFirst() }
        guard let colon = t.firstIndex(of: ":") else { return nil }
        var label = t[..<colon].trimmedWhitespace
        while label.last == "*" { label.removeLast() }
        guard !label.isEmpty, label.count <= 20 else { return nil }
        let known =
            fromLabels.contains(label.lowercased()) || dateLabels.contains(label.lowercased())
            || toLabels.contains(label.lowercased()) || subjectLabels.contains(label.lowercased())
        guard known else { return nil }
        var value = t[t.index(after: colon)...]
        while value.first == "*" || value.first == " " || value.first == "\t" { value = value.dropFirst() }
        return (label.lowercased(), String(value).trimmedWhitespace)
    }

    /// A subject that marks a forward: "FW:", "Fwd:", "WG:", "TR:", "RV:", "ENC:".
    static func isForwardSubject(_ subject: String?) -> Bool {
        guard let subject else { return false }
        var t = Substring(lower(subject))
        while t.first == " " { t = t.dropFirst() }
        while t.first == "[", let close = t.firstIndex(of: "]") {
            t = t[t.index(after: close)...].drop(while: { $0 == " " })
        }
        return ["fw:", "fwd:", "wg:", "tr:", "rv:", "enc:", "fw :", "fwd :", "tr :", "ymlaen:"].contains(where: {
            t.hasPrefix($0)
        })
    }

    static func isDeviceFooter(_ line: String) -> Bool {
        let t = lower(line).trimmedWhitespace
        guard t.count <= 100 else { return false }
        return deviceFooters.contains(where: { t.hasPrefix($0) })
            || (t.hasPrefix("von meinem") && t.hasSuffix("gesendet"))
    }

    /// What mail gateways and Outlook put at the top of mail from outside an organisation.
    static let bannerPhrases = [
        "you don't often get email from", "you don’t often get email from",
        "some people who received this message don't often get email from",
        "some people who received this message don’t often get email from",
        "this email originated from outside", "this message originated from outside",
        "this email was sent from outside", "this email came from outside", "this message was sent from outside",
        "caution: external", "external email", "warning: external", "[external]", "*external*", "external sender",
    ]

    /// Every banner phrase holds one of these words (see `forwardWords` for why that is exact).
    static let bannerWords = ["external", "outside", "often"].map { Array($0.utf8) }

    static func isBanner(_ line: String) -> Bool {
        guard ScalarText.containsIgnoringASCIICase(line, anyOf: bannerWords) else { return false }
        let t = lower(line).trimmedWhitespace
        guard t.count <= 500 else { return false }
        return bannerPhrases.contains(where: { t.hasPrefix($0) || (t.count < 300 && t.contains($0)) })
            && !t.hasSuffix("wrote:")
    }

    /// The advice lines that follow a banner.
    static func isBannerAdvice(_ line: String) -> Bool {
        let t = lower(line).replacingOccurrences(of: "’", with: "'")
        guard t.count <= 300 else { return false }
        return [
            "do not click", "don't click", "unless you recognise", "unless you recognize",
            "learn why this is important",
            "report suspicious", "know the content is safe", "exercise caution",
        ].contains(where: { t.contains($0) })
    }

    static func isSignatureDelimiter(_ line: String) -> Bool {
        line == "-- " || line == "--" || line == "-- \u{00A0}" || line == "--\u{00A0}"
    }
}
