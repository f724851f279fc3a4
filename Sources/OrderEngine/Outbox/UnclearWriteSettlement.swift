/// A write to RMS whose fate nobody knows — sent, or maybe sent, by a process that failed or died
/// before it heard RMS's answer — settled by what RMS holds now (``OutboundWrite/Kind/settle(local:rms:)``).
/// Until it is settled nothing more is sent for its order.
public enum UnclearWriteSettlement: Sendable, Equatable {
    /// RMS shows it done.
    case applied(RMSProgress)
    /// RMS shows it not done: it may be sent again.
    case notApplied(reason: String)
    /// Nothing can tell (a mail handed to the relay): it stays 結果不明 until the operator decides.
    case unknown

    /// The outcome the outbox records for it.
    public var outcome: WriteOutcome {
        switch self {
        case .applied(let progress): .accepted(progress)
        case .notApplied(let reason): .failed(.temporary, detail: reason)
        case .unknown: .unknown(detail: "結果不明のまま（自動では再送しません）")
        }
    }
}
