import Foundation

extension Config {
    /// Reads and validates a config file. Relative paths are resolved against the file's folder.
    public static func load(file path: String) throws -> Config {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(
                file: path, key: "", problem: "cannot read the config file (use --config FILE or LEARNMAIL_CONFIG)")
        }
        return try parse(data, file: path)
    }

    /// Validates config JSON. Unknown keys are errors that name them.
    public static func parse(_ data: Data, file: String) throws -> Config {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ConfigError(file: file, key: "", problem: "not valid JSON (\(error.localizedDescription))")
        }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        let top = try ObjectReader(root, path: "", file: file)
        let config = try top.read(base: base)
        try top.rejectUnknownKeys()
        return config
    }
}

extension ObjectReader {
    fileprivate func read(base: URL) throws -> Config {
        func absolute(_ path: String) -> String {
            path.hasPrefix("/") ? path : base.appendingPathComponent(path).standardizedFileURL.path
        }

        let community = try object("community")
        let communityValue = Config.Community(
            name: try community.string("name"),
            address: try community.address("address"),
            listId: try community.string("listId", default: nil)
                ?? (try community.address("address")).replacingOccurrences(of: "@", with: "."),
            unsubscribeURL: try community.string("unsubscribeURL", default: nil))
        try community.rejectUnknownKeys()

        let mailboxReader = try object("mailbox")
        let mailbox: Config.Mailbox
        let pollSeconds = try mailboxReader.integer("pollSeconds", default: 60, range: 5...86_400)
        if let maildir = try mailboxReader.string("maildir", default: nil) {
            mailbox = .maildir(path: absolute(maildir))
        } else if mailboxReader.has("imap") {
            var server = try mailboxReader.server(urlKey: "imap", schemes: ["imap", "imaps"], absolute: absolute)
            server.oauth2 = try mailboxReader.signIn(server, name: "mailbox", mailbox: nil, absolute: absolute)
            mailbox = .imap(
                server,
                processedFolder: try mailboxReader.string("processedFolder", default: nil),
                pollSeconds: pollSeconds)
        } else {
            throw error(at: "mailbox", "expected either \"maildir\": PATH or \"imap\": URL")
        }
        try mailboxReader.rejectUnknownKeys()

        let senderReader = try object("sender")
        let sender: Config.Sender
        if let outbox = try senderReader.string("outbox", default: nil) {
            sender = .outbox(path: absolute(outbox))
        } else if senderReader.has("smtp") {
            var server = try senderReader.server(urlKey: "smtp", schemes: ["smtp", "smtps"], absolute: absolute)
            var mailboxSignIn: Config.OAuth2?
            if case .imap(let imap, _, _) = mailbox { mailboxSignIn = imap.oauth2 }
            server.oauth2 = try senderReader.signIn(server, name: "sender", mailbox: mailboxSignIn, absolute: absolute)
            sender = .smtp(server)
        } else {
            throw error(at: "sender", "expected either \"outbox\": PATH or \"smtp\": URL")
        }
        // A provider's own limits apply unless `sender.limits` says otherwise, key by key.
        var senderLimits = try senderReader.sendingLimits()
        if case .smtp(let server) = sender, let provider = server.oauth2?.provider {
            senderLimits = senderLimits.filling(from: SendingLimits.preset(provider: provider))
        }
        try senderReader.rejectUnknownKeys()

        let moderators = try stringArray("moderators").map { $0.lowercased() }
        if moderators.isEmpty { throw error(at: "moderators", "expected at least one moderator address") }
        for (index, address) in moderators.enumerated() where !ObjectReader.looksLikeAddress(address) {
            throw error(at: "moderators[\(index)]", "expected an email address, got '\(address)'")
        }

        var partners: [Partner] = []
        for (index, entry) in try objectArray("partners").enumerated() {
            partners.append(
                Partner(
                    organisation: try entry.string("organisation"),
                    domains: try entry.stringArray("domains")))
            try entry.rejectUnknownKeys()
            _ = index
        }

        let policyName = try string("contributors", default: "partners") ?? "partners"
        guard let contributors = Config.ContributorPolicy(rawValue: policyName) else {
            throw error(at: "contributors", "expected \"partners\" or \"anyone\", got '\(policyName)'")
        }

        var areas: [LearningArea] = []
        for entry in try objectArray("learningAreas") {
            areas.append(
                LearningArea(name: try entry.string("name"), keywords: try entry.stringArray("keywords")))
            try entry.rejectUnknownKeys()
        }

        let digestReader = try object("digest", optional: true)
        let weekdayName = try digestReader.string("weekday", default: "monday") ?? "monday"
        let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        guard let weekdayIndex = weekdays.firstIndex(of: weekdayName.lowercased()) else {
            throw digestReader.error(at: "weekday", "expected a day such as \"monday\", got '\(weekdayName)'")
        }
        let timeText = try digestReader.string("time", default: "09:00") ?? "09:00"
        let timeParts = timeText.split(separator: ":").compactMap { Int($0) }
        guard timeText.count == 5, timeParts.count == 2, (0...23).contains(timeParts[0]),
            (0...59).contains(timeParts[1])
        else {
            throw digestReader.error(at: "time", "expected HH:MM (24-hour), got '\(timeText)'")
        }
        let zoneName = try digestReader.string("timeZone", default: "Europe/London") ?? "Europe/London"
        guard let zone = TimeZone(identifier: zoneName) else {
            throw digestReader.error(
                at: "timeZone", "expected an IANA time zone such as Europe/London, got '\(zoneName)'")
        }
        let digest = Config.Digest(
            weekday: weekdayIndex + 1, time: (timeParts[0], timeParts[1]), timeZone: zone,
            sendEmpty: try digestReader.bool("sendEmpty", default: false))
        try digestReader.rejectUnknownKeys()

        let limitsReader = try object("limits", optional: true)
        let limits = Config.Limits(
            maxMessageBytes: try limitsReader.integer("maxMessageBytes", default: 26_214_400, range: 1024...Int.max),
            autoRepliesPerAddressPerDay: try limitsReader.integer(
                "autoRepliesPerAddressPerDay", default: 5, range: 0...1000),
            confirmationsPerAddressPerDay: try limitsReader.integer(
                "confirmationsPerAddressPerDay", default: 3, range: 0...100),
            confirmationsPerDay: try limitsReader.integer("confirmationsPerDay", default: 200, range: 0...100_000),
            hardBouncesToDisable: try limitsReader.integer("hardBouncesToDisable", default: 3, range: 1...100))
        try limitsReader.rejectUnknownKeys()

        let moderationReader = try object("moderation", optional: true)
        let moderation = Config.Moderation(
            tokenDays: try moderationReader.integer("tokenDays", default: 30, range: 1...365),
            trustedAuthservId: try moderationReader.string("trustedAuthservId", default: nil))
        try moderationReader.rejectUnknownKeys()

        var config = Config(
            file: file, community: communityValue, mailbox: mailbox, sender: sender,
            dataDirectory: absolute(try string("dataDirectory", default: "data") ?? "data"),
            moderators: moderators, partners: partners, contributors: contributors, learningAreas: areas,
            digest: digest, limits: limits, moderation: moderation, senderLimits: senderLimits,
            pollSeconds: pollSeconds)
        config.site = try siteSettings(absolute: absolute)
        config.learningSets = try learningSets()
        return config
    }

    /// `sender.limits`: `{"messagesPerMinute": 30, "recipientsPerDay": 10000}`, both optional.
    fileprivate func sendingLimits() throws -> SendingLimits {
        let reader = try object("limits", optional: true)
        let limits = SendingLimits(
            messagesPerMinute: reader.has("messagesPerMinute")
                ? try reader.integer("messagesPerMinute", default: 0, range: 1...100_000) : nil,
            recipientsPerDay: reader.has("recipientsPerDay")
                ? try reader.integer("recipientsPerDay", default: 0, range: 1...100_000_000) : nil)
        try reader.rejectUnknownKeys()
        return limits
    }

    fileprivate func server(urlKey: String, schemes: Set<String>, absolute: (String) -> String) throws -> Config.Server
    {
        let url = try string(urlKey)
        let shown = Config.redactingPassword(in: url)
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), schemes.contains(scheme),
            parsed.host != nil
        else {
            throw error(
                at: urlKey, "expected a URL like \(schemes.sorted().last!)://host:port/…, got '\(shown)'")
        }
        if parsed.user != nil || parsed.password != nil || shown != url {
            throw error(
                at: urlKey,
                "do not put a username or password in the URL '\(shown)': write \(scheme)://host:port/… and "
                    + "give \"username\" and \"passwordFile\" (or \"passwordEnv\") beside it")
        }
        let passwordFile = try string("passwordFile", default: nil)
        let passwordEnv = try string("passwordEnv", default: nil)
        if passwordFile != nil && passwordEnv != nil {
            throw error(at: "passwordFile", "give either passwordFile or passwordEnv, not both")
        }
        if has("password") {
            throw error(
                at: "password", "passwords are never kept in the config: use passwordFile or passwordEnv")
        }
        let secret: Config.Secret =
            passwordFile.map { .file(absolute($0)) } ?? passwordEnv.map { .environment($0) } ?? .none
        return Config.Server(
            url: url, username: try string("username", default: nil), password: secret,
            caFile: try string("caFile", default: nil).map(absolute),
            allowPlaintext: try bool("allowPlaintext", default: false))
    }
}

extension Config {
    /// `url` with the password of a `user:password@` part replaced by `***`: every message that
    /// shows a configured URL goes through this, so that a refused URL never echoes a credential.
    public static func redactingPassword(in url: String) -> String {
        guard let range = url.range(of: "://") else { return url }
        let rest = url[range.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return url }
        let userinfo = authority[..<at]
        guard let colon = userinfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    /// What an administrator should fix although the config works: password files that others
    /// than their owner may read. `learnmail check` prints these, `learnmail run` logs them.
    public var warnings: [String] {
        var found: [String] = []
        if case .imap(let server, _, _) = mailbox, let warning = server.password.permissionWarning(key: "mailbox") {
            found.append(warning)
        }
        if case .smtp(let server) = sender, let warning = server.password.permissionWarning(key: "sender") {
            found.append(warning)
        }
        return found
    }
}

extension Config.Secret {
    /// A warning when the password file may be read (or written) by its group or by others.
    public func permissionWarning(key: String) -> String? {
        guard case .file(let path) = self,
            let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0
        else { return nil }
        let who = mode & 0o007 != 0 ? "every user of this machine" : "its group"
        return "the password file \(path) (\(key).passwordFile) has mode \(String(mode & 0o777, radix: 8)): "
            + "\(who) can read it; run: chmod 600 \(path)"
    }
}
