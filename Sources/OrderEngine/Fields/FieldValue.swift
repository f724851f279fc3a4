/// The value of an ``OrderField``, kept typed so that the journal can put it back (undo).
public enum FieldValue: Sendable, Hashable, Codable {
    case text(String?)
    case money(Money)
    case progress(RMSProgress)
    case sync(SyncState)

    /// How the value reads on screen and in the journal.
    public var displayText: String {
        switch self {
        case .text(let text): text ?? "（なし）"
        case .money(let money): money.description
        case .progress(let progress): progress.label
        case .sync(let state):
            if case .failed(let errorClass, _) = state { "エラー: \(errorClass.message)" } else { state.label }
        }
    }
}
