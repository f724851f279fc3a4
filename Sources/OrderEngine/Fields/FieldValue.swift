import struct Foundation.Date

/// The value of an ``OrderField``, kept typed so that the journal can put it back (undo).
public enum FieldValue: Sendable, Hashable, Codable {
    case text(String?)
    case money(Money)
    case progress(RMSProgress)
    case sync(SyncState)
    case date(CalendarDate?)
    case flags([String])
    /// Seconds since 1970, or nil.
    case instant(Double?)
    case parcels([Parcel])

    /// How the value reads on screen and in the journal.
    public var displayText: String {
        switch self {
        case .text(let text): text ?? "（なし）"
        case .money(let money): money.description
        case .progress(let progress): progress.label
        case .sync(let state):
            if case .failed(let errorClass, _) = state { "エラー: \(errorClass.message)" } else { state.label }
        case .date(let date): date?.description ?? "（空白）"
        case .flags(let flags): flags.isEmpty ? "（なし）" : flags.joined(separator: "・")
        case .instant(let seconds): seconds.map { JapanTime(Date(timeIntervalSince1970: $0)).fullText } ?? "（なし）"
        case .parcels(let parcels): parcels.isEmpty ? "（なし）" : parcels.map(\.summary).joined(separator: "、")
        }
    }
}
