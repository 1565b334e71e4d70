import Foundation

// What the engine does with spool files it cannot read: it says so in the log, sets them aside in
// `damaged/` with a reason (`Spool.setAside`), and rebuilds what can be rebuilt. Nothing is reset,
// skipped or sent empty without a word. The outbox's own checks are in `Outbox+Integrity.swift`.

extension SpoolSession {
    /// Reads `state.json`, holding the spool's lock. A damaged file is set aside and the state
    /// rebuilt from the rest of the spool (and saved), never silently reset.
    func loadState() -> EngineState {
        switch spool.readState() {
        case .missing: return EngineState()
        case .value(let state): return state
        case .damaged(let reason):
            let (rebuilt, summary) = rebuiltState()
            do {
                let name = try spool.setAside(
                    [EngineState.file], as: "state",
                    reason: "state.json \(reason). It was set aside and the state rebuilt: \(summary).", at: now)
                try spool.saveState(rebuilt)
                log("state.json \(reason): set aside as \(Spool.damagedFolder)/\(name); rebuilt: \(summary)")
            } catch {
                log(
                    "state.json \(reason), and could not be set aside (\(error)); going on with a rebuilt state: \(summary)"
                )
            }
            return rebuilt
        }
    }

    /// The state made again from what the spool still holds: the last digest week from the digest
    /// records, today's automatic replies from the outbox (so no one gets more than their share).
    /// What cannot be known (the last poll) starts empty. Returns the state and a line saying so.
    func rebuiltState() -> (EngineState, String) {
        var state = EngineState()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: spool.path("digests"))) ?? []
        state.lastDigestWeek = names.compactMap { name -> String? in
            // "2026-W48.json": a digest record.
            let week = name.hasSuffix(".json") ? String(name.dropLast(5)) : ""
            let parts = week.split(separator: "-W")
            return parts.count == 2 && parts[0].count == 4 && parts[1].count == 2
                && parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) } ? week : nil
        }.max()
        state.replyDay = dayKey
        for folder in ["outbox", "sent", "failed"] {
            for entry in outbox.entries(in: folder)
            where entry.kind.isAutomaticReply
                && ISO8601UTC.string(from: entry.createdAt).hasPrefix(dayKey)
            {
                for recipient in entry.recipients {
                    state.repliesToday[recipient.address.lowercased(), default: 0] += 1
                }
            }
        }
        let replies = state.repliesToday.values.reduce(0, +)
        let summary =
            "last digest week \(state.lastDigestWeek ?? "none") (from digests/), \(replies) automatic "
            + "replies today (from the outbox), last poll unknown"
        return (state, summary)
    }

    /// Sets aside the item folders the index could not read (holding the lock), then reads the
    /// index again. The raw message of an item cut short by a power loss is still in `incoming/`
    /// (it is marked processed only once its item is durable), so it simply becomes an item again.
    func setAsideDamagedItems() {
        guard !index.damaged.isEmpty else { return }
        var setAside: [Int] = []
        for (id, problem) in index.damaged {
            let source = try? spool.loadJSON(ItemSource.self, at: "items/\(id)/source.json")
            let again =
                source.map {
                    spool.isProcessed($0.key)
                        ? "its message is processed/\($0.key.fileName).eml" : "its message is processed again"
                }
                ?? "its message is unknown"
            do {
                // Announced in the items index's journal: a crash after the move reads #id again.
                try index.willChange(id, in: spool)
                let name = try spool.setAside(
                    ["items/\(id)"], as: "item-\(id)",
                    reason: "Item #\(id) could not be read: \(problem). The folder was set aside whole; \(again).",
                    wholeFolder: true, at: now)
                log(
                    "item folder #\(id) could not be read (\(problem)); set aside as \(Spool.damagedFolder)/\(name); \(again)"
                )
                setAside.append(id)
            } catch {
                log("item folder #\(id) could not be read (\(problem)), and could not be set aside: \(error)")
            }
        }
        index.remove(setAside)
    }

    /// The repairs made on opening the spool, when no other process holds its lock (one that does
    /// makes them itself at the start of its next round).
    func repairOnOpen() {
        let done = try? spool.withLockIfFree {
            state = loadState()
            setAsideDamagedItems()
            do {
                try index.writeIfNeeded(to: spool)
            } catch {
                log("the items index could not be written (\(error)); it is made again from the items next time")
            }
        }
        guard done == nil else { return }
        // Someone else holds the lock: read what can be read, change nothing.
        if case .damaged = spool.readState() { state = rebuiltState().0 }
    }
}
