/// Whether an order's baskets can go into a carrier's label file (送り状データ), and why not: the
/// rules every label format shares. Characters and lengths are the format's own to check.
public enum LabelEligibility {
    /// Why `order` gets no label rows, or nil when it can have them. `takesConvenienceStores`:
    /// whether the carrier's file can address a コンビニ受取 basket.
    public static func refusal(of order: Order, takesConvenienceStores: Bool) -> String? {
        if order.rmsProgress.isCancelling || order.localStatus == .cancelled { return "キャンセルされた注文です" }
        if order.origin.isRakutenAPI {
            guard order.rmsProgress >= .awaitingShipment else {
                return "楽天処理済ではありません（RMS \(order.rmsProgress.label)）。注文確認の後、楽天の処理が終わってから出力してください"
            }
            if order.rmsProgress >= .shipped { return "発送済みです" }
        }
        if order.fees.shipping.isUnset { return SkipReason.shippingFeeUnset.text }
        if order.readProblem != nil { return "RMSの注文内容に読めない項目があります。RMSで確認してください" }
        if let due = order.giftRecipientDue { return SkipReason.giftRecipientPending(due: due).text }
        for package in order.packages {
            if !takesConvenienceStores, package.handling?.convenienceStore != nil {
                return "コンビニ受取の注文です。この配送会社の送り状データでは出力できません"
            }
        }
        if !order.parcels.isEmpty, order.parcels.allSatisfy({ $0.report == .reported }) { return "発送完了報告が済んでいます" }
        return nil
    }
}
