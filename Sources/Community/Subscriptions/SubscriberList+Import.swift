import Foundation

/// What `subscribers import FILE.csv` did, for the facilitator to read.
public struct ImportReport: Sendable, Equatable, CustomStringConvertible {
    /// Addresses new to the list, now active.
    public var added: [String] = []
    /// Addresses that were pending and are now active (the facilitator vouches for them).
    public var activated: [String] = []
    /// Addresses already active: nothing changed.
    public var alreadyActive: [String] = []
    /// Addresses that appeared more than once in the file (merged into one).
    public var duplicates: [String] = []
    /// Addresses that unsubscribed or were disabled: not re-added by an import (use `subscribers add`).
    public var skipped: [Issue] = []
    /// Rows without a usable address, by line number.
    public var invalid: [Issue] = []

    public struct Issue: Sendable, Equatable {
        public var line: Int
        public var text: String
        public var reason: String
    }

    public var description: String {
        var lines = [
            "imported: \(added.count) added, \(activated.count) activated, \(alreadyActive.count) already subscribed, "
                + "\(duplicates.count) duplicate rows merged, \(skipped.count) skipped, \(invalid.count) invalid"
        ]
        for s in skipped { lines.append("line \(s.line): \(s.text): skipped, \(s.reason)") }
        for s in invalid { lines.append("line \(s.line): \(s.text.isEmpty ? "(empty)" : s.text): \(s.reason)") }
        return lines.joined(separator: "\n")
    }
}

extension SubscriberList {
    private static let addressHeaders: Set<String> = [
        "email", "e-mail", "email address", "e-mail address",
        "address", "mail", "emailaddress", "email_address",
    ]
    private static let nameHeaders: Set<String> = ["name", "full name", "fullname", "display name"]

    /// Imports addresses from CSV text: a header row is optional (recognised by a column named
    /// `email`, `e-mail`, `email address` or `address`; a `name` column is used when present);
    /// without one, the first field with an `@` is the address and a field before it the name.
    /// Imported addresses are active at once: the facilitator vouches for them, as with `add`.
    public mutating func importCSV(
        _ text: String, now: Date, using rng: inout some RandomNumberGenerator,
        progress: ((Int, Int) -> Void)? = nil
    ) -> ImportReport {
        var report = ImportReport()
        var records = CSVReader.records(text)[...]
        var addressColumn: Int?
        var nameColumn: Int?
        if let first = records.first(where: { !$0.isBlank }) {
            let lowered = first.fields.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
            if let a = lowered.firstIndex(where: Self.addressHeaders.contains) {
                addressColumn = a
                nameColumn = lowered.firstIndex(where: Self.nameHeaders.contains)
                records = records.drop { $0.line <= first.line }
            }
        }
        var seen: Set<String> = []
        // Progress for a terminal (`subscribers import` of a long list): every 500 rows and at the end.
        let total = records.count
        var done = 0
        defer { progress?(total, total) }
        for record in records where !record.isBlank {
            done += 1
            if done % 500 == 0, done < total { progress?(done, total) }
            let raw: String
            var name: String?
            if let addressColumn {
                raw = addressColumn < record.fields.count ? record.fields[addressColumn] : ""
                if let nameColumn, nameColumn < record.fields.count, !record.fields[nameColumn].isEmpty {
                    name = record.fields[nameColumn]
                }
            } else if let at = record.fields.firstIndex(where: { $0.contains("@") }) {
                raw = record.fields[at]
                if at > 0, !record.fields[0].isEmpty { name = record.fields[0] }
            } else {
                let shown = record.fields.joined(separator: ",")
                report.invalid.append(.init(line: record.line, text: shown, reason: "no email address in this row"))
                continue
            }
            let address: String
            switch EmailAddressSyntax.normalise(raw) {
            case .success(let a): address = a
            case .failure(let e):
                report.invalid.append(.init(line: record.line, text: raw, reason: "not an email address: \(e.reason)"))
                continue
            }
            if !seen.insert(address).inserted {
                report.duplicates.append(address)
                continue
            }
            guard var existing = subscriber(address: address) else {
                var s = Self.newSubscriber(
                    address, name: name, status: .active, now: now, source: "import", using: &rng)
                s.name = name
                upsert(s)
                report.added.append(address)
                continue
            }
            switch existing.status {
            case .active:
                report.alreadyActive.append(address)
            case .pending:
                existing.status = .active
                existing.since = now
                existing.confirmation = nil
                upsert(existing)
                report.activated.append(address)
            case .unsubscribed, .disabled:
                let why =
                    existing.status == .unsubscribed
                    ? "unsubscribed on \(ISO8601UTC.string(from: existing.since).prefix(10))"
                    : "disabled after bounces"
                report.skipped.append(
                    .init(line: record.line, text: address, reason: "\(why); use `subscribers add` to re-add"))
            }
        }
        return report
    }
}
