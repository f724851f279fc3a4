/// What the journal records a change as: an operator's action (``ActionID``), or what the desk and
/// the worker record on their own (``JournalEvent``). Both are kept as their id in the journal.
public enum JournalKind: Sendable, Hashable {
    case action(ActionID)
    case event(JournalEvent)

    /// The id the journal keeps.
    public var rawValue: String {
        switch self {
        case .action(let action): action.rawValue
        case .event(let event): event.rawValue
        }
    }

    /// What the journal (the detail's 履歴, the undo's title) calls it.
    public var label: String {
        switch self {
        case .action(let action): action.journalLabel
        case .event(let event): event.label
        }
    }

    /// The journal's name for what was recorded as `id`; an id this version does not know
    /// (written by a newer one) as it is.
    public static func label(for id: String) -> String {
        ActionID(rawValue: id)?.journalLabel ?? JournalEvent(rawValue: id)?.label ?? id
    }
}

/// What the desk and the worker record in the journal on their own: results read back from RMS,
/// edits saved, parcels typed.
public enum JournalEvent: String, Sendable, Hashable, CaseIterable, Codable {
    case edit
    case confirmResult = "confirm-result"
    case cancelResult = "cancel-result"
    case pushEditResult = "push-edit-result"
    case confirmPoll = "confirm-poll"
    case rmsWatch = "rms-watch"
    case settle
    case pushEditReadback = "push-edit-readback"
    case rmsReadable = "rms-readable"
    case shipReportResult = "ship-report-result"
    case shipCorrectionResult = "ship-correct-result"
    case shipReportReadback = "ship-report-readback"
    case setParcels = "set-parcels"
    case sendMailResult = "send-mail-result"

    /// What the journal calls it.
    public var label: String {
        switch self {
        case .edit: "注文内容修正"
        case .confirmResult, .confirmPoll: "注文確認の結果"
        case .cancelResult: "キャンセルの結果"
        case .pushEditResult: "注文内容修正の反映結果"
        case .rmsWatch: "RMSの変更の確認"
        case .settle: "送信結果の確認"
        case .pushEditReadback: "反映後のRMSの内容"
        case .rmsReadable: "RMSの注文内容の読み直し"
        case .shipReportResult: "発送完了報告の結果"
        case .shipCorrectionResult: "荷物番号の訂正・削除の結果"
        case .shipReportReadback: "報告後のRMSの内容"
        case .setParcels: "荷物番号の入力"
        case .sendMailResult: "メール送信の結果"
        }
    }
}
