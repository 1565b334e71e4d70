/// The text/plain form: 72 columns, no markup, readable in any client and by a screen reader.
/// Rules are drawn with `-`, never `=`: quoted-printable escapes every `=`, and a text full of
/// them would go out base64-encoded instead.
extension DigestRenderer {
    static let width = 72

    static func renderText(_ c: Context) -> String {
        var out: [String] = []
        out += TextLayout.reflow(c.name.uppercased(), width: width)
        out.append("Weekly digest, week of \(c.weekLabel) (\(c.week))")
        out.append("")
        if let note = c.note {
            out += TextLayout.reflow(note, width: width)
            out.append("")
        }
        if c.itemCount == 0 {
            out.append("No new learning was published this week.")
        } else {
            let n = c.itemCount
            out.append(n == 1 ? "1 new piece of learning this week:" : "\(n) new pieces of learning this week:")
            out.append("")
            let listed = c.groups.filter { !$0.items.isEmpty }
            let labelWidth = min(40, listed.map(\.heading.count).max() ?? 0)
            for g in listed {
                let pad = String(repeating: " ", count: max(1, labelWidth - g.heading.count + 2))
                out.append("  \(g.heading)\(pad)\(g.items.count)")
            }
        }
        for g in c.groups {
            out.append("")
            out.append(String(repeating: "-", count: width))
            out += TextLayout.reflow("\(g.heading.uppercased()) (\(g.items.count))", width: width)
            out.append(String(repeating: "-", count: width))
            if let question = g.question.map(TextLayout.displayLine), !question.isEmpty {
                out.append("")
                out += TextLayout.reflow(question, width: width)
            }
            if g.items.isEmpty {
                out.append("")
                out += TextLayout.reflow(emptySetInvitation(g, c), width: width)
            }
            for (n, item) in g.items.enumerated() {
                if n > 0 {
                    out.append("")
                    out.append(String(repeating: " ", count: width / 2 - 3) + "*  *  *")
                }
                out.append("")
                out += itemText(item, c)
            }
        }
        out.append("")
        out.append(String(repeating: "-", count: width))
        out += footerText(c)
        return out.joined(separator: "\n") + "\n"
    }

    static func itemText(_ item: LearningItem, _ c: Context) -> [String] {
        var out: [String] = []
        let title = TextLayout.displayLine(item.contribution.title)
        out += TextLayout.reflow(title.isEmpty ? "(untitled)" : title, width: width)
        var byline = "From \(contributor(item))"
        if let org = item.contribution.organisation.map(TextLayout.displayLine), !org.isEmpty { byline += ", \(org)" }
        out += TextLayout.reflow(byline + " (#\(item.id))", width: width)
        let summary = summary(item)
        if !summary.isEmpty {
            out.append("")
            out += TextLayout.reflow(summary, width: width)
        }
        let links = links(item)
        if !links.isEmpty {
            out.append("")
            out.append(links.count == 1 ? "Link:" : "Links:")
            for l in links { out += TextLayout.reflow(l, width: width, indent: "  ", firstIndent: "- ") }
        }
        let files = attachments(item)
        if !files.isEmpty, c.siteBaseURL != nil {
            out.append("")
            out.append(files.count == 1 ? "Attachment:" : "Attachments:")
            for (f, a) in zip(files, item.contribution.attachments) {
                out += TextLayout.reflow(f, width: width, indent: "  ", firstIndent: "- ")
                if let url = c.attachmentURL(item, a) { out.append("  \(url)") }
            }
        } else if !files.isEmpty {
            out.append("")
            out.append(
                files.count == 1
                    ? "Attachment (ask the facilitator for a copy):" : "Attachments (ask the facilitator for a copy):")
            for f in files { out += TextLayout.reflow(f, width: width, indent: "  ", firstIndent: "- ") }
        }
        let tags = item.contribution.tags.map(TextLayout.displayLine).filter { !$0.isEmpty }
        if !tags.isEmpty {
            out.append("")
            out += TextLayout.reflow(
                "Tags: " + tags.joined(separator: ", "), width: width, indent: "  ", firstIndent: "")
        }
        if let url = c.pageURL(item) {
            out.append("")
            out.append("Read it on the knowledge hub:")
            out.append("  \(url)")
        }
        return out
    }

    /// Under a learning set with nothing new this week: how to add to it.
    static func emptySetInvitation(_ g: Group, _ c: Context) -> String {
        "Nothing new in this set this week. To add to it, write to \(c.community.address) "
            + "with the line \"Set: \(g.area)\" at the top of your message."
    }

    static func footerText(_ c: Context) -> [String] {
        var out: [String] = []
        out += TextLayout.reflow(
            "You receive this digest because you subscribed to \(c.name). To share what you have learned, "
                + "write to \(c.community.address).", width: width)
        out.append("")
        out.append("To unsubscribe, send any message to:")
        out.append("  \(c.unsubscribeAddress)")
        if let url = c.unsubscribeURL {
            out.append("or visit:")
            out.append("  \(url)")
        }
        return out
    }
}
