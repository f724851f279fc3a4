/// Where an order stands between the desk and RMS: the per-row sync badge.
public enum SyncState: Sendable, Hashable, Codable {
    /// Entered by hand or imported: never talks to RMS.
    case localOnly
    /// An API order whose confirmation has not been sent (未送信).
    case notSent
    /// A confirmation is recorded in the outbox and being sent (確認送信中).
    case confirmSending
    /// RMS accepted the confirmation; Rakuten is processing it (楽天処理中).
    case rakutenProcessing
    /// RMS has moved the order past Rakuten's processing (楽天処理済): the shop may go on.
    case rakutenDone
    /// The last exchange with RMS failed.
    case failed(APIErrorClass, detail: String)

    public var label: String {
        switch self {
        case .localOnly: "—"
        case .notSent: "未送信"
        case .confirmSending: "確認送信中"
        case .rakutenProcessing: "楽天処理中"
        case .rakutenDone: "楽天処理済"
        case .failed: "エラー"
        }
    }

    public var isFailed: Bool {
        if case .failed = self { return true }
        return false
    }

    /// The state an order should show once RMS reports `progress` for it after a confirmation:
    /// still processing at 100/200, done from 300 on (the RMS column tells shipped from cancelled).
    public static func afterConfirmation(rmsProgress progress: RMSProgress) -> SyncState {
        progress.code >= RMSProgress.awaitingShipment.code ? .rakutenDone : .rakutenProcessing
    }
}
