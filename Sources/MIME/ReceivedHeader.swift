/// A parsed `Received:` trace field (RFC 5321 section 4.4): who handed the message to whom, how, when.
///
/// Real Received lines follow the grammar loosely (every MTA adds its own comments), so the reader is
/// token-based: it classifies words (host names, IP literals, addresses, protocol and TLS names) and
/// takes each clause's value from the first useful word after its keyword, reading the TCP-info
/// comment after `from` for the IP, reverse name, HELO name and ident.
public struct ReceivedHeader: Sendable, Hashable {
    /// A host: a name as written, or an IP address in canonical form (RFC 5952 for IPv6).
    public enum Host: Sendable, Hashable {
        case name(String)
        case ip(String)
    }

    public var from: Host?
    public var fromIP: String?
    /// The reverse-DNS name in the TCP-info comment.
    public var fromReverseName: String?
    public var by: Host?
    /// The `for` recipient, without angle brackets.
    public var forAddress: String?
    /// The `with` protocol (RFC 3848 names such as ESMTPS; "Local" for local delivery).
    public var with: String?
    public var tlsVersion: String?
    public var tlsCipher: String?
    public var id: String?
    public var ident: String?
    public var helo: Host?
    /// "Helo", "Ehlo" or "Lhlo".
    public var heloCommand: String?
    public var via: String?
    public var date: MessageDate?

    /// Parses an unfolded Received value; nil when nothing at all could be read.
    public init?(_ value: String) {
        self.init(raw: Array(value.utf8))
    }

    init?(raw: [UInt8]) {
        let tokens = ReceivedTokenizer.tokens(raw)
        var state = Clause.none
        var i = 0
        func nextValue(skipping skip: Set<ReceivedTokenizer.Kind>) -> ReceivedTokenizer.Token? {
            while i < tokens.count {
                let t = tokens[i]
                if skip.contains(t.kind) {
                    i += 1
                    continue
                }
                if t.kind.isSeparator { return nil }
                i += 1
                return t
            }
            return nil
        }
        func host(_ t: ReceivedTokenizer.Token) -> Host {
            if case .ip(let ip) = t.kind { return .ip(ip) }
            return .name(t.text)
        }
        while i < tokens.count {
            let t = tokens[i]
            i += 1
            switch t.kind {
            case .keyword("from") where from == nil:
                if let v = nextValue(skipping: [.bracketOpen]) { from = host(v) }
                state = .from
            case .keyword("by") where t.commentDepth == 0:
                if let v = nextValue(skipping: [.bracketOpen, .angleOpen]) { by = host(v) }
                state = .by
            case .keyword("for") where t.commentDepth == 0:
                while i < tokens.count, tokens[i].kind == .equal || tokens[i].kind == .angleOpen { i += 1 }
                if i < tokens.count, tokens[i].kind == .email {
                    forAddress = tokens[i].text
                    i += 1
                }
                state = .for
            case .semicolon where t.commentDepth == 0:
                state = .date
            case .keyword("id") where t.commentDepth == 0:
                if let v = nextValue(skipping: [.equal, .angleOpen, .bracketOpen, .colon]) { id = v.text }
                state = .id
            case .keyword("with") where t.commentDepth == 0:
                while i < tokens.count {
                    let k = tokens[i].kind
                    if case .proto(let p) = k {
                        with = p
                        i += 1
                        break
                    }
                    if case .keyword(let w) = k, w != "ident" { break }
                    if k == .semicolon { break }
                    if case .tls = k { break }
                    i += 1
                }
                state = .with
            case .keyword("via") where t.commentDepth == 0:
                if let v = nextValue(skipping: [.equal]) { via = v.text }
                state = .via
            case .keyword("ident") where t.commentDepth > 0:
                if let v = nextValue(skipping: [.equal, .angleOpen, .bracketOpen, .colon]) { ident = v.text }
            case .greeting(let g) where state == .from && t.commentDepth > 0:
                heloCommand = g
                if let v = nextValue(skipping: [.equal, .bracketOpen, .colon]) { helo = host(v) }
            case .ip(let ip):
                if state == .from && (t.bracketDepth > 0 || (t.commentDepth > 0 && fromIP == nil)) { fromIP = ip }
            case .domain:
                if state == .from && t.commentDepth > 0 { fromReverseName = t.text }
            case .email:
                if state == .from { ident = t.text.hasSuffix("@") ? String(t.text.dropLast()) : t.text }
            case .cipher:
                if t.commentDepth > 0 || tlsCipher == nil { tlsCipher = t.text }
            case .tls(let v):
                if t.commentDepth > 0 && tlsVersion == nil { tlsVersion = v }
            default:
                break
            }
        }
        if let semi = ReceivedTokenizer.topLevelSemicolon(raw) {
            date = MessageDate(parsing: String(decoding: raw[(semi + 1)...], as: UTF8.self))
        }
        if from == nil && fromIP == nil && fromReverseName == nil && by == nil && forAddress == nil && with == nil
            && tlsVersion == nil && tlsCipher == nil && id == nil && ident == nil && helo == nil && via == nil
            && date == nil
        {
            return nil
        }
    }

    private enum Clause { case none, from, by, `for`, id, with, via, date }
}

extension HeaderList {
    /// Every Received field, newest first as written, parsed (unreadable ones left out).
    public var received: [ReceivedHeader] {
        indices("received").compactMap { ReceivedHeader(raw: rawValue(at: $0)) }
    }
}
