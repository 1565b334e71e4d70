/// What became of one recipient of an envelope.
public enum RecipientStatus: Sendable, Hashable {
    /// The server took responsibility for delivery (2xx to RCPT and to the end of DATA).
    case accepted
    case failed(DeliveryFailure)

    public var isAccepted: Bool { self == .accepted }

    /// The failure, nil when accepted.
    public var failure: DeliveryFailure? {
        if case .failed(let failure) = self { return failure }
        return nil
    }
}
