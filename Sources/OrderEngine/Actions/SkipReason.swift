/// Why a bulk action leaves an order alone, in the words the operator reads.
public enum SkipReason: Sendable, Hashable, Codable {
    case bundled
    case shippingFeeUnset
    case alreadyConfirmed
    case confirmInFlight
    case notRakutenOrder
    case rmsProgressNot(expected: RMSProgress, actual: RMSProgress)
    case needsRMSStatusCheck(APIErrorClass)
    case noChange

    public var text: String {
        switch self {
        case .bundled: "同梱注文は注文確認できません（同梱前に注文確認してください）"
        case .shippingFeeUnset: "送料が未設定の注文です"
        case .alreadyConfirmed: "注文確認は送信済みです（一度だけ送信できます）"
        case .confirmInFlight: "確認送信中です"
        case .notRakutenOrder: "楽天ペイの注文ではありません"
        case .rmsProgressNot(let expected, let actual):
            "RMSステータスが\(expected.label)ではありません（\(actual.label)）"
        case .needsRMSStatusCheck(let errorClass):
            "前回の送信が「\(errorClass.message)」でした。RMSステータスを取得してください"
        case .noChange: "変更はありません"
        }
    }
}
