/// What RMS said about one write sent from the outbox.
public enum WriteOutcome: Sendable, Equatable {
    /// Accepted; RMS shows `progress` if it was read back.
    case accepted(RMSProgress?)
    /// Refused or not applied: the order shows the error; a retry is possible when the class allows.
    case failed(APIErrorClass, detail: String)
    /// Nobody knows yet: the order stays in flight until RMS is read.
    case unknown(detail: String)

    public var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }
}
