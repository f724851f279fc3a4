/// A write to RMS whose fate nobody knows — sent, or maybe sent, by a process that failed or died
/// before it heard RMS's answer — settled by what RMS holds now. Until it is settled nothing more
/// is sent for its order.
public enum UnclearWriteSettlement: Sendable, Equatable {
    /// RMS shows it done.
    case applied(RMSProgress)
    /// RMS shows it not done: it may be sent again.
    case notApplied(reason: String)

    /// How the write of kind `kind` (an action's id: confirm, cancel, push-edit) stands, given the
    /// order as the desk has it (`local`, the edit's values for a push) and as RMS now sends it.
    public static func settle(kind: String, local: Order, rms: Order) -> UnclearWriteSettlement {
        switch kind {
        case "confirm":
            if rms.confirmedAt != nil || rms.rmsProgress != .awaitingConfirmation { return .applied(rms.rmsProgress) }
            return .notApplied(reason: "送信結果が不明でしたが、RMSでは未確認のままです。再送できます")
        case "cancel":
            if rms.rmsProgress.isCancelling { return .applied(rms.rmsProgress) }
            return .notApplied(reason: "送信結果が不明でしたが、RMSではキャンセルされていません（\(rms.rmsProgress.label)）。再実行できます")
        case "push-edit":
            // RMS holds the edit when every amount it changes is RMS's now.
            let items = { (order: Order) in order.packages.flatMap(\.items).map { [$0.itemDetailID, $0.units, $0.unitPrice] } }
            if rms.fees.shipping == local.fees.shipping, rms.fees.cashOnDelivery == local.fees.cashOnDelivery, items(rms) == items(local) {
                return .applied(rms.rmsProgress)
            }
            return .notApplied(reason: "送信結果が不明でしたが、RMSには反映されていません。もう一度反映できます")
        default:
            return .notApplied(reason: "不明な送信の種類 \(kind) です。RMSで確認してください")
        }
    }
}
