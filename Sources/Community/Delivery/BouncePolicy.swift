import Foundation

/// What recording one bounce did.
public struct BounceOutcome: Sendable, Equatable {
    /// The subscriber the bounce was about, when known.
    public var subscriber: String?
    /// The hard-bounce count after this bounce.
    public var bounceCount: Int
    /// True when this bounce disabled the subscriber.
    public var disabled: Bool
    /// For the facilitator when a subscriber was disabled; nil otherwise.
    public var noteForFacilitator: String?
    /// One line for the log.
    public var log: String
}

/// Disables a subscriber after `hardBounceLimit` hard bounces (default 3), in the spirit of
/// Mailman's bounce score: at most one hard bounce counts per UTC day (a digest bouncing from
/// two relays is one failure), a count older than `staleAfter` (30 days) starts again, and soft
/// bounces are logged but never disable anyone.
public struct BouncePolicy: Sendable, Equatable {
    public var hardBounceLimit: Int
    public var staleAfter: TimeInterval

    public init(hardBounceLimit: Int = 3, staleAfter: TimeInterval = 30 * 86_400) {
        self.hardBounceLimit = max(1, hardBounceLimit)
        self.staleAfter = staleAfter
    }

    /// Records `bounce` against `subscriber`: the reader whose own VERP address the report came
    /// back to, or the recipient our SMTP server refused while learnmail itself was sending. Never
    /// the address a report merely names: anyone can write a report naming anyone, so a report
    /// that reached no reader's bounce address (`subscriber` nil) is logged and changes nobody.
    public func record(
        _ bounce: Bounce, subscriber address: String?, in list: inout SubscriberList, listName: String, now: Date
    ) -> BounceOutcome {
        let code = bounce.status ?? "no status"
        let named = bounce.recipient ?? "an unknown recipient"
        guard let address else {
            return BounceOutcome(
                subscriber: nil, bounceCount: 0, disabled: false, noteForFacilitator: nil,
                log:
                    "\(bounce.kind) bounce (\(code)) naming \(named): not counted, it did not come back to a "
                    + "reader's own bounce address (a report anyone could have sent)")
        }
        guard var s = list.subscriber(address: address) else {
            return BounceOutcome(
                subscriber: nil, bounceCount: 0, disabled: false, noteForFacilitator: nil,
                log: "\(bounce.kind) bounce (\(code)) for \(address): not a subscriber")
        }
        guard bounce.kind == .hard else {
            return BounceOutcome(
                subscriber: s.address, bounceCount: s.bounceCount, disabled: false, noteForFacilitator: nil,
                log: "soft bounce (\(code)) for \(s.address): not counted")
        }
        let today = ISO8601UTC.string(from: now).prefix(10)
        if let last = s.lastBounceAt {
            if now.timeIntervalSince(last) > staleAfter {
                s.bounceCount = 0
            } else if ISO8601UTC.string(from: last).prefix(10) == today {
                s.lastBounceStatus = bounce.status ?? s.lastBounceStatus
                list.upsert(s)
                return BounceOutcome(
                    subscriber: s.address, bounceCount: s.bounceCount, disabled: false, noteForFacilitator: nil,
                    log: "hard bounce (\(code)) for \(s.address): already counted today (\(s.bounceCount))")
            }
        }
        s.bounceCount += 1
        s.lastBounceAt = now
        s.lastBounceStatus = bounce.status
        let disable = s.status == .active && s.bounceCount >= hardBounceLimit
        if disable {
            s.status = .disabled
            s.since = now
        }
        list.upsert(s)
        guard disable else {
            return BounceOutcome(
                subscriber: s.address, bounceCount: s.bounceCount, disabled: false, noteForFacilitator: nil,
                log: "hard bounce (\(code)) for \(s.address): \(s.bounceCount) of \(hardBounceLimit)")
        }
        let why = bounce.diagnostic.map { "\nThe last report said: \($0)" } ?? ""
        let note = """
            \(s.address) no longer receives the \(listName) digest: its mail bounced \(s.bounceCount) \
            times (last status \(code)).\(why)

            If the address works again, add it back with:
                learnmail subscribers add \(s.address)
            """
        return BounceOutcome(
            subscriber: s.address, bounceCount: s.bounceCount, disabled: true, noteForFacilitator: note,
            log: "hard bounce (\(code)) for \(s.address): disabled after \(s.bounceCount)")
    }
}
